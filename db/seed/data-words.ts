// Vocabulary for large-mode titles: real words, so full-text search, autocomplete and typo
// tolerance behave as they would on a real catalog.

export const ADJECTIVES = [
  "Silent", "Golden", "Broken", "Burning", "Hidden", "Midnight", "Crimson", "Endless", "Lost", "Wild",
  "Secret", "Last", "Electric", "Restless", "Fearless", "Velvet", "Savage", "Quiet", "Eternal", "Scarlet",
  "Frozen", "Rising", "Falling", "Shattered", "Lucky", "Dangerous", "Invisible", "Forgotten", "Brave", "Royal",
  "Neon", "Hollow", "Wandering", "Monsoon", "Desert", "Coastal", "Northern", "Southern", "Little", "Great",
];

export const NOUNS = [
  "Kingdom", "Empire", "Shadow", "Horizon", "River", "Storm", "Journey", "Promise", "Legend", "Mission",
  "Island", "Mirror", "Garden", "Harbour", "Train", "Highway", "Letter", "Secret", "Dream", "Fire",
  "Thunder", "Tiger", "Falcon", "Elephant", "Monsoon", "Festival", "Wedding", "Heist", "Detective", "Warrior",
  "Queen", "Prince", "Stranger", "Signal", "Orbit", "Compass", "Lantern", "Bridge", "Fortress", "Carnival",
];

export const PLACES = [
  "Bombay", "Kashi", "Shimla", "Goa", "Ladakh", "Madras", "Mysore", "Calcutta", "Hampi", "Jaisalmer",
  "Munnar", "Darjeeling", "Konkan", "Malabar", "Deccan", "Sundarbans", "Rann", "Coorg", "Udaipur", "Varanasi",
];

export const HINDI_FIRST = [
  "Dil", "Ishq", "Pyaar", "Junoon", "Zindagi", "Safar", "Sapne", "Toofan", "Badal", "Chand",
  "Raaste", "Kismat", "Dosti", "Jung", "Sultan", "Raja", "Rani", "Shaan", "Aarzoo", "Khiladi",
];

export const HINDI_SECOND = [
  "Ki Kahani", "Ka Safar", "Express", "Returns", "Forever", "Unlimited", "Ke Rang", "Zindabad",
  "Ka Badla", "Mubarak", "Ke Paar", "Ki Awaaz", "Reloaded", "Ka Raaz", "Ke Saaye", "No. 1",
];

export const FIRST_NAMES = [
  "Aarav", "Vivaan", "Aditi", "Ananya", "Rohan", "Kabir", "Meera", "Ishaan", "Tara", "Arjun",
  "Nikhil", "Priya", "Sana", "Rahul", "Divya", "Farhan", "Kavya", "Neel", "Zoya", "Siddharth",
  "Lakshmi", "Karthik", "Anjali", "Vikram", "Riya", "Aman", "Pooja", "Dev", "Nisha", "Harish",
];

export const LAST_NAMES = [
  "Sharma", "Iyer", "Menon", "Reddy", "Banerjee", "Patel", "Kapoor", "Nair", "Chatterjee", "Rao",
  "Joshi", "Khan", "Mehta", "Pillai", "Desai", "Gupta", "Shetty", "Bose", "Kulkarni", "Singh",
];

export const TOUR_WORDS = ["Homecoming", "Unplugged", "Reunion", "Farewell", "Monsoon", "Midnight", "Summer", "Anthem", "Roots", "Echoes"];

export const MUSIC_GENRES = ["Sufi", "Indie", "Rock", "Jazz", "Bollywood", "Carnatic", "Ghazal", "EDM", "Hip-Hop", "Folk", "Qawwali", "Classical"];

export const TEAM_CITIES = ["Mumbai", "Delhi", "Bengaluru", "Hyderabad", "Chennai", "Kolkata", "Pune", "Kochi", "Jaipur", "Ahmedabad", "Lucknow", "Guwahati"];

export const MASCOTS = ["Mavericks", "Chargers", "Blasters", "Knights", "Hawks", "Dynamos", "Panthers", "Tuskers", "Royals", "Titans", "Warriors", "Strikers"];

/** Index-aligned with GENRES.SPORTS, so a league's genre matches its sport. */
export const SPORT_LEAGUES = [
  "T20 League", "Super League", "Pro Kabaddi", "Premier Badminton League", "Hockey League",
  "Pro Volleyball", "Tennis Premier League", "Basketball League",
];

export const COMEDY_BITS = [
  "Overthinking", "Middle Class Problems", "Unfiltered", "Adulting Is Hard", "Mumma's Boy", "Corporate Slave",
  "Half Engineer", "Arranged Marriage", "Traffic Jam", "Sanskari Not Sorry", "Dad Jokes", "Hostel Days",
  "Work From Home", "Single Again", "Back Bencher", "No Filter",
];

export const ART_MEDIA = ["Photographs", "Paintings", "Sculptures", "Textiles", "Prints", "Miniatures", "Installations", "Maps"];

export const GENRES: Record<string, string[]> = {
  MOVIE: ["Action", "Drama", "Comedy", "Romance", "Thriller", "Horror", "Sci-Fi", "Family", "Mystery", "Animation"],
  CONCERT: ["Bollywood", "Indie", "Rock", "Sufi", "Jazz", "EDM", "Classical", "Folk", "Hip-Hop"],
  SPORTS: ["Cricket", "Football", "Kabaddi", "Badminton", "Hockey", "Volleyball", "Tennis", "Basketball"],
  PLAY: ["Drama", "Comedy", "Musical", "Classic", "Historical", "Family"],
  COMEDY: ["Stand-up", "Improv", "Lineup", "Sketch", "Open Mic"],
  EXHIBITION: ["Art", "Photography", "History", "Design", "Science", "Craft"],
};

// Large mode's pool of ~20k people: every first name with every last name. The title lists
// above come first, so a headliner named in a generated title is in the pool too.
export const PERSON_FIRST = [
  ...FIRST_NAMES,
  "Abhay", "Abhishek", "Aditya", "Akash", "Akshay", "Alok", "Amit", "Amrita", "Anand", "Anil",
  "Anita", "Ankit", "Anupam", "Aparna", "Arnav", "Arun", "Aruna", "Ashok", "Avani", "Ayesha",
  "Bhavna", "Chetan", "Chitra", "Deepak", "Deepika", "Dhruv", "Dinesh", "Esha", "Faisal", "Gautam",
  "Gayatri", "Gita", "Gopal", "Hari", "Hema", "Imran", "Indira", "Irfan", "Jaya", "Jatin",
  "Jyoti", "Kamal", "Kiran", "Krishna", "Kunal", "Lata", "Madhav", "Mahesh", "Malini", "Manish",
  "Manoj", "Mohan", "Mukesh", "Nandini", "Naveen", "Neha", "Nitin", "Omkar", "Pallavi", "Pankaj",
  "Parth", "Prakash", "Pranav", "Preeti", "Rachna", "Radhika", "Raghav", "Rajesh", "Rakesh", "Ramesh",
  "Ranjit", "Rashmi", "Ravi", "Rekha", "Sachin", "Sagar", "Sahil", "Salim", "Sameer", "Sanjay",
  "Sarita", "Shalini", "Shankar", "Shreya", "Shweta", "Simran", "Sneha", "Sonal", "Subhash", "Suman",
  "Sunil", "Sunita", "Suresh", "Swati", "Tanvi", "Tarun", "Uday", "Uma", "Varun", "Vidya",
  "Vijay", "Vinay", "Vinod", "Yash", "Yamini", "Zainab", "Zubin", "Aisha", "Bilal", "Catherine",
  "Joseph", "Maria", "Thomas", "Anthony", "Jasmine",
];

export const PERSON_LAST = [
  ...LAST_NAMES,
  "Agarwal", "Ahluwalia", "Ahmed", "Arora", "Bajaj", "Bakshi", "Basu", "Bhat", "Bhatia", "Bhattacharya",
  "Bhosale", "Chandra", "Chaudhary", "Chawla", "Chopra", "D'Souza", "Dasgupta", "Dixit", "Dubey", "Dutta",
  "Fernandes", "Gandhi", "Ganguly", "Ghosh", "Goel", "Gokhale", "Gowda", "Hegde", "Hussain", "Jain",
  "Jha", "Kamath", "Kaur", "Khanna", "Kohli", "Krishnan", "Kumar", "Lal", "Mahajan", "Malhotra",
  "Mathur", "Mehra", "Mishra", "Mitra", "Mukherjee", "Naidu", "Naik", "Narayan", "Pandey", "Parekh",
  "Pathak", "Pawar", "Prasad", "Qureshi", "Raghavan", "Rajan", "Rathore", "Saxena", "Sen", "Sethi",
  "Shah", "Shukla", "Sinha", "Srinivasan", "Subramanian", "Thakur", "Tiwari", "Trivedi", "Varma", "Verma",
  "Yadav", "Zaveri", "Acharya", "Ansari", "Bedi", "Bhandari", "Bhargava", "Biswas", "Chakraborty", "Chauhan",
  "Das", "Deshmukh", "Deshpande", "Dhillon", "Gill", "Goswami", "Grewal", "Hazarika", "Iyengar", "Jadhav",
  "Joseph", "Kale", "Karnik", "Kashyap", "Khurana", "Kini", "Kurian", "Luthra", "Madan", "Mane",
  "Mathew", "Mirza", "Mohanty", "Nagarajan", "Nambiar", "Oberoi", "Padmanabhan", "Panicker", "Patil", "Pinto",
  "Puri", "Rajput", "Ranade", "Rege", "Sahni", "Sandhu", "Sarkar", "Sawant", "Sehgal", "Shenoy",
  "Sood", "Suri", "Talwar", "Tandon", "Thomas", "Upadhyay", "Vaidya", "Wadia", "Walia", "Zachariah",
];

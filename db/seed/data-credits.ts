// Who is credited on each hand-written event, by title: directors and cast, bands, teams,
// comedians, artists and speakers. Real films keep their real credits; the invented Indian
// titles get invented people, reused the way real careers repeat (a director with two films, a
// band on tour, a comic on every lineup). Sports titles "X vs Y" credit their teams from the title.
import type { CreditRole } from "../schema";
import { EVENT_SEEDS } from "./data";

export type CreditSeed = { name: string; role: CreditRole; credit: string; kind: "PERSON" | "GROUP" };

const person = (role: CreditRole, credit = "") => (name: string): CreditSeed => ({ name, role, credit, kind: "PERSON" });
const group = (role: CreditRole, credit = "") => (name: string): CreditSeed => ({ name, role, credit, kind: "GROUP" });

const dir = person("CREW", "Director");
const music = person("CREW", "Music director");
const writer = person("CREW", "Playwright");
const curator = person("CREW", "Curator");
const host = person("CREW", "Host");
const as = (name: string, character: string): CreditSeed => ({ name, role: "CAST", credit: `as ${character}`, kind: "PERSON" });
const actor = (name: string, credit = ""): CreditSeed => ({ name, role: "CAST", credit, kind: "PERSON" });
const artist = (name: string, credit = ""): CreditSeed => ({ name, role: "ARTIST", credit, kind: "PERSON" });
const band = (name: string, credit = ""): CreditSeed => ({ name, role: "ARTIST", credit, kind: "GROUP" });
const team = group("TEAM");
const player = (name: string, credit: string): CreditSeed => ({ name, role: "TEAM", credit, kind: "PERSON" });
const speaker = (name: string, credit: string): CreditSeed => ({ name, role: "SPEAKER", credit, kind: "PERSON" });
const comic = artist;

const MOVIES: Record<string, CreditSeed[]> = {
  "Avengers: Endgame": [dir("Anthony Russo"), dir("Joe Russo"), as("Robert Downey Jr.", "Tony Stark"), as("Chris Evans", "Steve Rogers"), as("Scarlett Johansson", "Natasha Romanoff"), as("Mark Ruffalo", "Bruce Banner"), music("Alan Silvestri")],
  Interstellar: [dir("Christopher Nolan"), as("Matthew McConaughey", "Cooper"), as("Anne Hathaway", "Brand"), as("Jessica Chastain", "Murph"), as("Michael Caine", "Professor Brand"), music("Hans Zimmer")],
  Kaalchakra: [dir("Ritesh Malhotra"), as("Aryan Kapoor", "Vikram Rathore"), as("Naina Sethi", "Ira Bose"), as("Harish Kulkarni", "Home Minister Deshpande"), as("Zoya Mirza", "Agent Farah"), music("Shekhar Valia")],
  "Dil Ki Baat": [dir("Meghna Arora"), as("Kunal Verma", "Sameer"), as("Tara Deshpande", "Anaya"), as("Rajat Bhalla", "Bunty"), music("Kabir Rao")],
  "Monsoon Mirage": [dir("Anjali Barua"), as("Tara Deshpande", "Juri"), as("Pranab Gogoi", "Dhiren"), as("Ruksana Ahmed", "Maini")],
  "Karuppu Kadal": [dir("Vetri Selvan"), as("Surya Prakash", "Muthu"), as("Nithya Raman", "Selvi"), as("Rajendran Pillai", "Sethu Bhai"), music("Ilango Raja")],
  Simharaju: [dir("Koratala Srinivas"), as("Ram Teja", "Simha"), as("Keerthi Reddy", "Bhavani"), as("Jagapathi Rao", "Narasimha Naidu"), as("Brahmaji Varma", "Subbu"), music("Devi Sriram")],
  "Kadalorathe Veedu": [dir("Lijo Thomas"), as("Fahad Nazeer", "Joby"), as("Parvathy Menon", "Annie"), as("Soubin Kareem", "Tomy"), as("Urvashi Nair", "Elsamma")],
  "Kaadu Kanive": [dir("Rakshit Gowda"), as("Rishab Hegde", "Ranger Shiva"), as("Sapthami Rao", "Leela"), as("Achyuth Kumar", "Devaraju"), music("Ajaneesh Bhat")],
  "Kolkatar Golpo": [dir("Srijit Sen"), as("Prosenjit Dutta", "Bhombol"), as("Rituparna Ghosh", "Mejo Boudi"), as("Anirban Das", "Potla")],
  "Aaplya Ghari": [dir("Sachin Kundalkar"), as("Dilip Prabhavalkar", "Dada Gokhale"), as("Mukta Barve", "Radha"), as("Siddharth Jadhav", "Pakya")],
  "The Last Orbit": [dir("Hannah Kessler"), as("Oscar Lindqvist", "Commander Hale"), as("Priya Naidu", "Dr. Rao"), as("Marcus Bell", "Petrov")],
  "Neon Dynasty": [dir("Wong Kar-lun"), as("Michelle Tan", "Lin"), as("Daniel Ho", "Uncle Fung"), as("Kenji Sato", "Takeda")],
  "Paper Tigers": [dir("Bao Tran"), as("Alain Uy", "Danny"), as("Ron Yuan", "Hing"), as("Mykel Shannon Jenkins", "Jim")],
  "Whispers in the Hollow": [dir("Vikram Bhatt"), as("Adah Rao", "Meera"), as("Rajeev Khandelwal", "Ajay"), as("Kenny Basumatary", "Caretaker")],
  "Little Star Rangers": [dir("Chetan Desai"), actor("Mona Singh", "Voice of Tara"), actor("Sharman Joshi", "Voice of Tuktuk"), actor("Boman Irani", "Voice of Dadaji"), music("Shekhar Valia")],
  "Jungle Cubs: The Great Escape": [dir("Chetan Desai"), actor("Varun Sharma", "Voice of Sheru"), actor("Boman Irani", "Voice of Bhalu"), actor("Mona Singh", "Voice of Mor")],
  "Operation Meghdoot": [dir("Ritesh Malhotra"), as("Aryan Kapoor", "Lt. Sanjay Thakur"), as("Vineet Rawat", "Havildar Prem"), as("Amrita Kaur", "Dr. Jaspreet")],
  "Rocket Boys of Thumba": [dir("Anand Menon"), as("Fahad Nazeer", "Dr. Vikram Sarabhai"), as("Jim Sarbh", "Homi Bhabha"), as("Parvathy Menon", "Kamla")],
  "Chor Bazaar": [dir("Raj Nidimoru"), as("Rajkumar Yadav", "Chhotu"), as("Pankaj Mishra", "Lalaji"), as("Kunal Verma", "Inspector Pandey")],
  "Raat Baaki Hai": [dir("Abbas Tyrewala"), as("Anup Soni", "Vikrant"), as("Paoli Dam", "Vasudha"), as("Rahul Dev", "Inspector Kamble")],
  "Raag Yaman": [dir("Meghna Arora"), as("Naina Sethi", "Gauri"), as("Kunal Verma", "DJ Aryan"), as("Naseer Ahmed", "Ustad Rahim Khan"), music("Pandit Vikram Joshi")],
  "Golmaal Junction": [dir("Rohit Malik"), as("Rajat Bhalla", "Munna"), as("Tushar Kapoor", "Lucky"), as("Arshad Hussain", "Babu"), as("Johnny Lal", "Stationmaster")],
  "Haveli No. 13": [dir("Rohit Malik"), as("Kriti Sanon Rao", "Pinky"), as("Arshad Hussain", "Thakur Bhoot"), as("Rajat Bhalla", "Guddu")],
  "Shakti: The Warrior Queen": [dir("Sanjay Bhansali Rao"), as("Deepa Padukone", "Rani Shakti Devi"), as("Ranveer Malhotra", "Sultan Alauddin"), as("Aryan Kapoor", "Senapati Bhairav"), music("Shekhar Valia")],
  "Cutting Chai": [dir("Sachin Kundalkar"), as("Naseer Ahmed", "Pandurang"), as("Mukta Barve", "Shalini"), as("Siddharth Jadhav", "Bablu")],
  "Mudhal Mazhai": [dir("Gautham Vasudev"), as("Madhavan Iyer", "Karthik"), as("Trisha Krishnan", "Jessie"), as("Nithya Raman", "Divya"), music("Ilango Raja")],
  "Thalaivan Vanthaan": [dir("Vetri Selvan"), as("Vijay Sethupathy", "Kathir"), as("Nayanthara Kurian", "Durga"), as("Rajendran Pillai", "MLA Pandian"), as("Yogi Babu Raj", "Kutty"), music("Ilango Raja")],
  "Chennai Nights": [dir("Karthik Subbaraj"), as("Surya Prakash", "Marimuthu"), as("Aishwarya Lekshmi", "Revathi"), as("Bobby Simha", "Sethu")],
  "Godavari Kathalu": [dir("Sekhar Kammula"), as("Nani Babu", "Ravi"), as("Sai Pallavi Reddy", "Lakshmi"), as("Brahmaji Varma", "Appa Rao")],
  "Agni Pariksha": [dir("Koratala Srinivas"), as("Ram Teja", "Fire Officer Arjun"), as("Keerthi Reddy", "Swathi"), as("Jagapathi Rao", "Industrialist Raghavendra"), music("Devi Sriram")],
  "Nuvvu Nenu Prema": [dir("Sekhar Kammula"), as("Nani Babu", "Vamsi"), as("Ritu Varma", "Pooja"), as("Vennela Kishore", "Photographer's assistant")],
  "Oru Kochi Kadha": [dir("Lijo Thomas"), as("Soubin Kareem", "Biju"), as("Urvashi Nair", "Mary Chechi"), as("Fahad Nazeer", "Food blogger")],
  "Idukki Diaries": [dir("Dileesh Pothan"), as("Fahad Nazeer", "CI Rajan"), as("Parvathy Menon", "Sheeba"), as("Joju George", "Varkey")],
  "Namma Ooru Hero": [dir("Rakshit Gowda"), as("Rishab Hegde", "Manju"), as("Rashmika Shetty", "Kavya"), as("Achyuth Kumar", "Appaji")],
  "Mayabazaar 2.0": [dir("Raj B. Shetty"), as("Rishab Hegde", "Gopi"), as("Sapthami Rao", "Maya"), as("Danish Sait", "Rakshasa")],
  "Byomkesh O Durgo Rahasya": [dir("Srijit Sen"), as("Abir Chatterjee", "Byomkesh Bakshi"), as("Ritwick Chakraborty", "Ajit"), as("Rituparna Ghosh", "Satyabati")],
  "Shohor Theke Dure": [dir("Anjali Barua"), as("Parambrata Basu", "Anirban"), as("Paoli Dam", "Shampa"), as("Prosenjit Dutta", "Headmaster")],
  Wari: [dir("Nagraj Manjule"), as("Dilip Prabhavalkar", "Vitthal Kaka"), as("Siddharth Jadhav", "Sudhir"), as("Mukta Barve", "Sulbha")],
  Shivba: [dir("Nagraj Manjule"), as("Subodh Bhave", "Shivaji"), as("Mrinal Kulkarni", "Jijabai"), as("Sharad Kelkar", "Tanaji"), music("Ajay Gogavale")],
  "Midnight at the Grand Meridian": [dir("Hannah Kessler"), as("Rupert Hale", "Inspector Thorne"), as("Marcus Bell", "The Great Marvello"), as("Priya Naidu", "Lady Ashford")],
  "Steel Horizon": [dir("Guillermo Vance"), as("Oscar Lindqvist", "Raleigh Cole"), as("Michelle Tan", "Mako"), as("Idris Okafor", "Marshal Pentecost"), music("Ramin Djawadi")],
  "The Quiet Coast": [dir("Siobhan Fairley"), as("Emma Whitlock", "Nell"), as("Rupert Hale", "Thomas"), as("Priya Naidu", "Mrs. Pereira")],
  "Deep Blue Trench": [dir("Guillermo Vance"), as("Idris Okafor", "Captain Reyes"), as("Emma Whitlock", "Dr. Lena Voss"), as("Kenji Sato", "Tanaka")],
  "Kabaddi Kings": [dir("Shimit Amin Rao"), as("Vineet Rawat", "Coach Balwant"), as("Amrita Kaur", "Simran"), as("Sunny Hooda", "Raider Jassi")],
  "Second Innings": [dir("Abbas Tyrewala"), as("Rajkumar Yadav", "Vinod Kamble"), as("Tara Deshpande", "Sunita"), as("Boman Irani", "Coach D'Souza")],
  "Ek Tha Detective": [dir("Raj Nidimoru"), as("Pankaj Mishra", "Jasoos Jugal"), as("Naina Sethi", "Begum Farida"), as("Johnny Lal", "Minister Shukla")],
  "Lal Batti": [dir("Ritesh Malhotra"), as("Rajkumar Yadav", "Constable Yadav"), as("Harish Kulkarni", "Minister Chaudhary"), as("Amrita Kaur", "ACP Gill")],
  "Dragon Kite": [dir("Chetan Desai"), actor("Mona Singh", "Voice of Patang"), actor("Varun Sharma", "Voice of Drago"), actor("Nithya Raman", "Voice of Amma"), music("Ilango Raja")],
  "Baarish Ke Baad": [dir("Meghna Arora"), as("Kunal Verma", "Raghav"), as("Tara Deshpande", "Neha"), as("Boman Irani", "Mr. Thakur"), music("Kabir Rao")],
};

const CONCERTS: Record<string, CreditSeed[]> = {
  "Kabir Rao: The Monsoon Tour": [artist("Kabir Rao", "Vocals")],
  "Sufi Nights with the Noor Ensemble": [band("The Noor Ensemble"), artist("Ustad Farid Noor", "Lead vocals")],
  "The Local Chai Band: Unplugged": [band("The Local Chai Band")],
  "Raaga to Rock: A Carnatic Fusion Evening": [artist("Lalitha Raghavan", "Violin"), artist("Karthik Srinivasan", "Mridangam"), artist("Neil D'Souza", "Electric guitar")],
  "Bassline Arena: EDM Night": [artist("DJ Nucleya Rao", "Headliner"), artist("Zaeden Kapoor", "DJ set"), band("Lost Stories Duo", "DJ set"), artist("Anyasa Mehra", "Opening set")],
  "Jazz by the Bay": [artist("Mira D'Costa", "Saxophone"), band("The Mira D'Costa Quartet")],
  "Mehfil-e-Ghazal": [artist("Talat Aziz Khan", "Vocals"), artist("Rashid Ali", "Tabla")],
  "Desi Hip-Hop Cypher": [artist("MC Dharavi", "Host"), artist("Divine Lal"), band("Seedhe Maut Duo"), artist("Raftaar Singh")],
  "Symphony of the South: Film Music Live": [band("Madras Symphony Orchestra"), artist("Ilango Raja", "Conductor"), artist("Devi Sriram", "Guest composer")],
  "Gurnaam Sandhu: Punjabi Tadka Live": [artist("Gurnaam Sandhu", "Vocals")],
  "Rabindra Sangeet Sandhya": [band("Dakshinee Choir"), artist("Srabani Sen", "Lead vocals")],
  "Folk Frequencies: Rajasthan Roots": [band("Manganiyar Collective"), artist("Mame Khan", "Vocals")],
  "Parallel Lines: The Farewell Tour": [band("Parallel Lines")],
  "Sitar & Strings: Pandit Vikram Joshi": [artist("Pandit Vikram Joshi", "Sitar"), band("Bombay String Quartet")],
  "Bollywood Retro Night: R.D. Burman Tribute": [band("Pancham Project"), artist("Kabir Rao", "Guest vocals")],
  "Lo-Fi Living Room Sessions": [artist("Prateek Kuhad Rao"), band("When Chai Met Toast"), artist("Anuv Jain Mehta")],
  "K-Pop Dance Night": [band("Seoul Pulse"), band("Hallyu Crew Mumbai", "Cover crew")],
  "Raghu & The Wanderers: Kannada Rock Revival": [band("Raghu & The Wanderers"), artist("Raghu Dixit Rao", "Vocals")],
  "Sid & Friends: Telugu Melodies Live": [artist("Siddharth Varma", "Vocals"), artist("Sunitha Upadrashta", "Guest vocals")],
  "Malabar Beats Live": [band("Malabar Beats")],
  "Qawwali Under the Stars": [band("The Noor Ensemble"), artist("Ustad Farid Noor", "Lead vocals")],
  "Electronic Ragas": [artist("Pandit Vikram Joshi", "Sitar"), artist("Karsh Kale Sen", "Electronics")],
  "The Great Indian Unplugged": [artist("Siddharth Varma"), band("The Local Chai Band"), artist("Kabir Rao"), artist("Anuv Jain Mehta")],
  "Metal Monsoon Fest": [band("Bloodywood Riot"), band("Kryptos Hammer"), band("Demonic Resurrection Kochi")],
  "Marathi Abhang Wari Live": [band("Warkari Bhajan Mandal"), artist("Mahesh Kale", "Vocals")],
};

const PLAYS: Record<string, CreditSeed[]> = {
  "Ek Shaam Ghalib Ke Naam": [dir("Naseer Ahmed"), as("Naseer Ahmed", "Mirza Ghalib"), as("Ratna Pathak Rao", "Umrao Begum"), as("Heeba Shah", "Narrator")],
  "The Merchant of Bombay": [writer("William Shakespeare"), dir("Sunil Shanbag"), as("Denzil Smith", "Shylock"), as("Kalki Kapur", "Portia"), as("Jim Sarbh", "Bassanio")],
  "Macbeth in Malabar": [writer("William Shakespeare"), dir("Abhilash Pillai"), as("Joju George", "Macbeth"), as("Parvathy Menon", "Lady Macbeth")],
  "Kashyala Udyachi Baat": [writer("Vijay Tendulkar"), dir("Chandrakant Kulkarni"), as("Dilip Prabhavalkar", "Aaba"), as("Mukta Barve", "Sunanda"), as("Siddharth Jadhav", "Bandya")],
  "Anarkali: A Musical Romance": [dir("Feroz Abbas Khan"), as("Kalki Kapur", "Anarkali"), as("Ranveer Malhotra", "Prince Salim"), as("Naseer Ahmed", "Emperor Akbar"), music("Shekhar Valia")],
  "Ghare Baire Revisited": [writer("Rabindranath Tagore"), dir("Suman Mukhopadhyay"), as("Paoli Dam", "Bimala"), as("Parambrata Basu", "Sandip"), as("Abir Chatterjee", "Nikhilesh")],
  "Bengaluru Blues": [dir("Arundhati Raja"), as("Danish Sait", "Vicky"), as("Sapthami Rao", "Megha"), as("Achyuth Kumar", "Landlord Gowda")],
  "The Great Gatsby Party": [dir("Quasar Padamsee"), as("Jim Sarbh", "Jay Gatsby"), as("Kalki Kapur", "Daisy Buchanan"), as("Denzil Smith", "Nick Carraway")],
  Tughlaq: [writer("Girish Karnad"), dir("Naseer Ahmed"), as("Harish Kulkarni", "Sultan Muhammad bin Tughlaq"), as("Heeba Shah", "Step-mother")],
  "Kalyana Kalatta": [writer("Crazy Mohan"), dir("S. Ve. Shekher"), as("Madhavan Iyer", "Ambi"), as("Urvashi Nair", "Mami")],
  "Letters to Leela": [dir("Lillete Dubey"), as("Denzil Smith", "Francis"), as("Ratna Pathak Rao", "Leela")],
  "Aadhe Adhure": [writer("Mohan Rakesh"), dir("Lillete Dubey"), as("Ratna Pathak Rao", "Savitri"), as("Harish Kulkarni", "Mahendranath")],
  "Once Upon a Railway Platform": [dir("Sunil Shanbag"), as("Pankaj Mishra", "Stationmaster"), as("Heeba Shah", "Traveller"), as("Johnny Lal", "Chaiwala")],
  "The Jungle Book Musical": [dir("Akarsh Khurana"), as("Aarav Mehta", "Mowgli"), as("Boman Irani", "Baloo"), as("Kalki Kapur", "Bagheera")],
  "Rashomon Retold": [dir("Akarsh Khurana"), as("Pankaj Mishra", "Woodcutter"), as("Anup Soni", "Bandit"), as("Paoli Dam", "Wife")],
  Hayavadana: [writer("Girish Karnad"), dir("Arundhati Raja"), as("Danish Sait", "Devadatta"), as("Rishab Hegde", "Kapila"), as("Sapthami Rao", "Padmini")],
  "Baa Ne Gher Baba Aavya": [dir("Manoj Shah"), as("Sarita Joshi", "Baa"), as("Siddharth Randeria", "Bapuji")],
  "A Doll's House, Mumbai": [writer("Henrik Ibsen"), dir("Quasar Padamsee"), as("Kalki Kapur", "Nora"), as("Jim Sarbh", "Torvald")],
  Chandragupta: [dir("Chandrakant Kulkarni"), as("Sharad Kelkar", "Chanakya"), as("Subodh Bhave", "Chandragupta Maurya")],
  "Ramayana for Kids: A Shadow Puppet Play": [band("Tholpavakoothu Puppeteers of Palakkad"), dir("Anurupa Roy")],
};

const COMEDY: Record<string, CreditSeed[]> = {
  "Rohan Mehta: Overthinking Live": [comic("Rohan Mehta")],
  "Aditi Sharma: Single Again": [comic("Aditi Sharma")],
  "The Great Indian Open Mic": [host("Sameer Khan"), comic("Tanvi Rao", "Guest closer")],
  "Karan Pillai: Mallu Mind Games": [comic("Karan Pillai")],
  "Sundar Iyer: Filter Coffee Diaries": [comic("Sundar Iyer")],
  "Improv Ka Tamasha": [band("Tamasha Improv Troupe"), host("Kenny Sebastian Rao")],
  "Whose Line Is It Anyway: Mumbai Edition": [band("The Improv Mumbai"), host("Cyrus Bharucha")],
  "Anirban Das: Bangali Babu Problems": [comic("Anirban Das")],
  "Pooja Nair: Sanskari Not Sorry": [comic("Pooja Nair")],
  "Praveen Reddy: Telugu Comedy Nite": [comic("Praveen Reddy")],
  "Kannada Comedy Jatre": [comic("Danish Sait"), comic("Sonu Venugopal"), comic("Pavitra Shetty"), host("Karan Pillai")],
  "Sameer Khan: Dad Jokes Tour": [comic("Sameer Khan")],
  "Roast Battle Royale": [host("Rohan Mehta"), comic("Tanvi Rao"), comic("Gaurav Joshi"), comic("Aditi Sharma")],
  "Late Night Laughs: The Lineup": [comic("Rohan Mehta"), comic("Sameer Khan"), comic("Karan Pillai"), comic("Tanvi Rao")],
  "Gaurav Joshi: Marathi Manoos": [comic("Gaurav Joshi")],
  "Tanvi Rao: Crowd Work Chronicles": [comic("Tanvi Rao")],
  "Sketch Club: Desi Sitcom Live": [band("Sketch Club"), comic("Kunal Verma", "Guest star")],
  "The Corporate Comedy Special": [comic("Sundar Iyer"), comic("Praveen Reddy"), comic("Gaurav Joshi")],
  "Ladies' Night Out: All-Women Lineup": [comic("Aditi Sharma"), comic("Pooja Nair"), comic("Tanvi Rao"), comic("Pavitra Shetty")],
  "Shayari & Shenanigans": [artist("Zakir Qureshi", "Poet"), comic("Sameer Khan"), artist("Heeba Shah", "Poet")],
};

const EXHIBITIONS: Record<string, CreditSeed[]> = {
  "Starry Nights: An Immersive Van Gogh Experience": [artist("Vincent van Gogh"), curator("Massimiliano Siccardi")],
  "Raja Ravi Varma: The Painter Prince": [artist("Raja Ravi Varma"), curator("Rupika Chawla"), speaker("Rupika Chawla", "Gallery talk, Saturdays")],
  "Contemporary Canvas: Young Indian Artists": [curator("Bose Krishnamachari"), artist("Shilpa Gupta Rao"), artist("Prabhakar Pachpute"), artist("Tanya Goel")],
  "Dinosaurs Alive! Animatronic Expo": [curator("Dr. Sunil Bajpai"), speaker("Dr. Sunil Bajpai", "Fossil talk for kids")],
  "Electric Futures: EV & Mobility Expo": [curator("Mobility Foundation of India"), speaker("Chetan Maini", "Keynote: India's electric decade"), speaker("Tarun Mehta Rao", "Panel: two-wheelers")],
  "Sea Stories: A Biennale Collateral": [curator("Bose Krishnamachari"), artist("Vivan Sundaram Nair"), artist("Sahej Rahal")],
  "Faces of the Ghats: A Photography Show": [artist("Dhritiman Mukherjee", "Photographer"), curator("Tanya Goel")],
  "Space Odyssey: ISRO Through the Decades": [curator("Dr. Ritu Karidhal"), speaker("Dr. Ritu Karidhal", "Talk: the road to Chandrayaan")],
  "Threads of Bengal: Textiles and Weaves": [curator("Rta Kapur Chishti"), artist("Biren Kumar Basak", "Master weaver")],
  "Comics & Pop Culture Expo": [speaker("Amruta Patil", "Panel: graphic novels"), speaker("Abhijeet Kini", "Live sketching"), speaker("Saurav Mohapatra", "Panel: writing comics")],
  "Madras Heritage: Four Centuries of Chennai": [curator("V. Sriram"), speaker("V. Sriram", "Heritage walk talk")],
  "Design Week Showcase": [curator("Rajshree Pathy"), speaker("Sahil Vaidya", "Talk: designing for India")],
  "The Great Indian Book Fair": [speaker("Amitav Ghosh Sen", "Author talk"), speaker("Perumal Murugan Rao", "Author talk"), speaker("Amruta Patil", "Author talk")],
  "Wild India: Wildlife Photography Awards": [artist("Dhritiman Mukherjee", "Jury chair"), artist("Sudhir Shivaram", "Photographer")],
  "Mughal Miniatures: Stories in Small": [curator("Rupika Chawla"), artist("Ustad Mansur", "Court painter")],
};

// Sports: "League: X vs Y" and "X vs Y: 2nd ODI" name their teams; the rest are spelled out.
const SPORTS_EXTRA: Record<string, CreditSeed[]> = {
  "Pro Kabaddi Season: Hyderabad Leg": ["Hyderabad Hunters", "Pune Paltan Pride", "Bengal Bulls", "Tamil Thalaivas XI"].map(team),
  "Pro Kabaddi Season: Pune Leg": ["Pune Paltan Pride", "Bengal Bulls", "Jaipur Pink Panthers XI", "Hyderabad Hunters"].map(team),
  "Bengaluru Open Tennis: Finals Weekend": [player("Sumit Nagpal", "Top seed, singles"), player("Yuki Bhambri Rao", "Singles"), player("Rohan Bopanna Rao", "Doubles")],
  "National Basketball Championship: Finals": ["Tamil Nadu", "Punjab", "Services"].map(team),
};

/** The teams in "League: Home vs Away" or "Home vs Away: 2nd ODI". */
export function teamsFromTitle(title: string): string[] {
  const match = /^(?:[^:]*: )?(.+?) vs (.+?)(?:: .*)?$/.exec(title);
  return match ? [match[1] as string, match[2] as string] : [];
}

function sportsCredits(title: string): CreditSeed[] {
  return SPORTS_EXTRA[title] ?? teamsFromTitle(title).map(team);
}

const HAND_WRITTEN: Record<string, CreditSeed[]> = { ...MOVIES, ...CONCERTS, ...PLAYS, ...COMEDY, ...EXHIBITIONS };

/** Every hand-written event's credits in billing order (empty when a title has none). */
export function creditsFor(title: string): CreditSeed[] {
  return HAND_WRITTEN[title] ?? sportsCredits(title);
}

/** Titles with credits written above that are not events (a typo here would silently drop them). */
export function orphanCreditTitles(): string[] {
  const titles = new Set(EVENT_SEEDS.map((e) => e.title));
  return Object.keys({ ...HAND_WRITTEN, ...SPORTS_EXTRA }).filter((t) => !titles.has(t));
}

/** Short bios for the people a visitor is most likely to look up. */
export const BIOS: Record<string, string> = {
  "Christopher Nolan": "British-American filmmaker known for large-format, time-bending blockbusters shot on film.",
  "Hans Zimmer": "Film composer behind more than 150 scores, from The Lion King to Dune.",
  "Kabir Rao": "Playback singer and composer whose voice carried a decade of Hindi chartbusters; he scores films for Meghna Arora.",
  "Ritesh Malhotra": "Director of tense, political action films, often starring Aryan Kapoor.",
  "Aryan Kapoor": "Action lead known for doing his own stunts; a regular in Ritesh Malhotra's films.",
  "Meghna Arora": "Writer-director of warm Mumbai romances.",
  "Fahad Nazeer": "Malayalam actor admired for understated, intense performances across thrillers and dramas.",
  "Rishab Hegde": "Kannada actor-filmmaker who also works in Bengaluru theatre.",
  "Rajkumar Yadav": "Character actor turned lead, at home in comedy and crime drama alike.",
  "Ilango Raja": "Tamil film composer and conductor with four decades of scores.",
  "Pandit Vikram Joshi": "Sitar maestro of the Maihar gharana who has scored films and collaborates with electronic musicians.",
  "The Noor Ensemble": "A qawwali party from Delhi led by Ustad Farid Noor, performing kalaam from Amir Khusrau to today.",
  "The Local Chai Band": "Delhi indie band of five college friends, known for harmonium hooks and singalong choruses.",
  "Parallel Lines": "Bengaluru rock band formed in 2000, pioneers of the city's English rock scene.",
  "Siddharth Varma": "Telugu and Tamil playback singer; the voice of a generation's love songs.",
  "Mira D'Costa": "Saxophonist and composer from Bandra who leads her own quartet.",
  "Rohan Mehta": "Stand-up comedian whose specials about anxiety and family have toured thirty cities.",
  "Tanvi Rao": "Comedian known for crowd work; no two of her shows are the same.",
  "Sameer Khan": "Comedian and open-mic host; a new father with a lot of material.",
  "Girish Karnad": "Playwright, actor and director; Tughlaq and Hayavadana are among the most staged plays in India.",
  "William Shakespeare": "English playwright whose plays have been adapted on Indian stages for two centuries.",
  "Naseer Ahmed": "Stage and screen veteran who directs and acts with his Mumbai theatre company.",
  "Mumbai Mavericks": "T20 League franchise from Mumbai, playing home games at the Wankhede.",
  "Kolkata Knights": "T20 League franchise from Kolkata, backed by one of the league's loudest crowds.",
  "Raja Ravi Varma": "Nineteenth-century painter whose oleographs brought Indian mythology into every home.",
  "Vincent van Gogh": "Dutch post-impressionist painter of The Starry Night and Sunflowers.",
  "Bose Krishnamachari": "Artist and curator, co-founder of the Kochi-Muziris Biennale.",
};

import { entry } from "./data-types";

const p = entry("PLAY");

export const PLAYS = [
  p("Ek Shaam Ghalib Ke Naam", ["Hindi", "Urdu"], ["Drama", "Poetry"], 100, "12+", "Mirza Ghalib's letters and verses, staged as one long evening in Old Delhi.", { cities: ["delhi", "mumbai"] }),
  p("The Merchant of Bombay", ["English"], ["Comedy", "Adaptation"], 120, "12+", "Shakespeare moves to 1960s Kalbadevi, where Shylock runs a cloth shop and Portia a law firm.", { star: true, dates: 6 }),
  p("Macbeth in Malabar", ["English", "Malayalam"], ["Tragedy"], 130, "16+", "Macbeth told through Kathakali movement and Theyyam masks.", { cities: ["kochi", "bengaluru"] }),
  p("Kashyala Udyachi Baat", ["Marathi"], ["Comedy"], 150, "All ages", "A joint family in Dadar tries to keep its retirement plans secret from the children. Everyone knows.", { cities: ["mumbai", "pune"], dates: 5 }),
  p("Anarkali: A Musical Romance", ["Hindi", "Urdu"], ["Musical", "Historical"], 150, "All ages", "Mughal splendour, live music and forty dancers retell the legend of Anarkali.", { star: true, dates: 5 }),
  p("Ghare Baire Revisited", ["Bengali"], ["Drama"], 120, "12+", "Tagore's novel of love and nationalism, re-imagined in present-day Kolkata.", { cities: ["kolkata"] }),
  p("Bengaluru Blues", ["English", "Kannada"], ["Comedy", "Drama"], 105, "12+", "Three flatmates, one landlord and the city's traffic in a comedy about growing up late.", { cities: ["bengaluru"] }),
  p("The Great Gatsby Party", ["English"], ["Immersive", "Drama"], 110, "16+", "An immersive production where the audience are guests at Gatsby's last party.", { cities: ["mumbai", "delhi"] }),
  p("Tughlaq", ["Hindi"], ["Historical", "Classic"], 140, "12+", "Girish Karnad's classic about an idealist sultan undone by his own brilliance."),
  p("Kalyana Kalatta", ["Tamil"], ["Comedy", "Family"], 120, "All ages", "A Mylapore wedding where both families are convinced the other side is hiding something.", { cities: ["chennai"] }),
  p("Letters to Leela", ["English"], ["Drama", "Romance"], 95, "12+", "Two actors read fifty years of letters between a Goan sailor and the woman he left behind."),
  p("Aadhe Adhure", ["Hindi"], ["Drama", "Classic"], 120, "16+", "Mohan Rakesh's landmark play about a middle-class family coming apart at the seams."),
  p("Once Upon a Railway Platform", ["Hindi", "English"], ["Comedy", "Drama"], 100, "All ages", "Strangers stranded overnight at a tiny junction in Madhya Pradesh trade stories until the train arrives."),
  p("The Jungle Book Musical", ["English"], ["Musical", "Family"], 90, "All ages", "Mowgli, Baloo and Bagheera in a musical for children and everyone who was one.", { dates: 5 }),
  p("Rashomon Retold", ["English", "Hindi"], ["Mystery", "Drama"], 110, "16+", "Four witnesses, four versions of one crime in a Bihar village."),
  p("Hayavadana", ["Kannada", "English"], ["Folk", "Drama"], 130, "12+", "Karnad's playful tale of swapped heads and divided hearts, with Yakshagana music.", { cities: ["bengaluru"] }),
  p("Baa Ne Gher Baba Aavya", ["Gujarati"], ["Comedy"], 130, "All ages", "A grandmother's late-life pregnancy scare turns a Ghatkopar household upside down.", { cities: ["mumbai"] }),
  p("A Doll's House, Mumbai", ["English"], ["Drama", "Classic"], 125, "16+", "Ibsen's Nora, transplanted to a Malabar Hill apartment in 2024."),
  p("Chandragupta", ["Marathi", "Hindi"], ["Historical"], 140, "12+", "Chanakya's gamble to put a young warrior on the throne of Magadha.", { cities: ["pune", "mumbai"] }),
  p("Ramayana for Kids: A Shadow Puppet Play", ["Hindi", "English"], ["Puppetry", "Family"], 75, "All ages", "Tholpavakoothu-style shadow puppets tell the Ramayana in seventy-five minutes."),
];

import { entry } from "./data-types";

const k = entry("COMEDY");

export const COMEDY = [
  k("Rohan Mehta: Overthinking Live", ["Hindi", "English"], ["Stand-up"], 90, "16+", "Rohan overthinks everything from his group chats to his parents' retirement. Now he overthinks it on stage.", { star: true, dates: 6 }),
  k("Aditi Sharma: Single Again", ["English", "Hindi"], ["Stand-up"], 80, "16+", "A brand new hour on dating apps, aunties and the joys of eating alone.", { dates: 5 }),
  k("The Great Indian Open Mic", ["Hindi", "English"], ["Open Mic"], 120, "16+", "Twelve new comics, five minutes each, one very honest audience.", { dates: 6 }),
  k("Karan Pillai: Mallu Mind Games", ["English", "Malayalam"], ["Stand-up"], 75, "12+", "Growing up Malayali in Delhi, explained with a guitar and no shame.", { cities: ["kochi", "bengaluru", "chennai"] }),
  k("Sundar Iyer: Filter Coffee Diaries", ["English", "Tamil"], ["Stand-up"], 80, "12+", "Tambram family life, strong coffee and stronger opinions.", { cities: ["chennai", "bengaluru"] }),
  k("Improv Ka Tamasha", ["Hindi", "English"], ["Improv"], 90, "12+", "Give them a word and they will give you a musical, a courtroom drama and a family WhatsApp group.", { dates: 4 }),
  k("Whose Line Is It Anyway: Mumbai Edition", ["English"], ["Improv"], 90, "12+", "The classic short-form improv games, played by Mumbai's quickest performers.", { cities: ["mumbai"], dates: 3 }),
  k("Anirban Das: Bangali Babu Problems", ["Bengali", "English"], ["Stand-up"], 75, "16+", "Fish, football and the eternal debate over rosogolla.", { cities: ["kolkata"] }),
  k("Pooja Nair: Sanskari Not Sorry", ["English", "Hindi"], ["Stand-up"], 80, "16+", "A good girl's guide to disappointing everyone politely.", { star: true, dates: 4 }),
  k("Praveen Reddy: Telugu Comedy Nite", ["Telugu"], ["Stand-up"], 90, "12+", "Hyderabad's favourite storyteller on biryani, bosses and brothers-in-law.", { cities: ["hyderabad"] }),
  k("Kannada Comedy Jatre", ["Kannada"], ["Stand-up", "Lineup"], 100, "12+", "Five comics, one night, all in Kannada.", { cities: ["bengaluru"] }),
  k("Sameer Khan: Dad Jokes Tour", ["Hindi"], ["Stand-up"], 85, "12+", "A new father on sleep, diapers and the WhatsApp forwards he now understands.", { dates: 4 }),
  k("Roast Battle Royale", ["English", "Hindi"], ["Roast"], 120, "16+", "Comics tear into each other in a bracket of roast battles judged by the crowd."),
  k("Late Night Laughs: The Lineup", ["English", "Hindi"], ["Lineup"], 120, "16+", "Five touring comics try out new material after dark.", { dates: 5 }),
  k("Gaurav Joshi: Marathi Manoos", ["Marathi", "Hindi"], ["Stand-up"], 80, "12+", "Puneri pride, vada pav diplomacy and the art of the sarcastic signboard.", { cities: ["pune", "mumbai"] }),
  k("Tanvi Rao: Crowd Work Chronicles", ["English"], ["Crowd Work"], 75, "16+", "No set list. Just Tanvi, a microphone and whatever you tell her."),
  k("Sketch Club: Desi Sitcom Live", ["Hindi", "English"], ["Sketch"], 90, "12+", "A live sketch show about the great Indian family sitcom."),
  k("The Corporate Comedy Special", ["English"], ["Stand-up"], 75, "12+", "Appraisals, offsites and the meeting that could have been an email."),
  k("Ladies' Night Out: All-Women Lineup", ["English", "Hindi"], ["Lineup"], 110, "16+", "Six of the country's sharpest women comics share one stage."),
  k("Shayari & Shenanigans", ["Hindi", "Urdu"], ["Poetry", "Comedy"], 90, "12+", "Poets and comics take turns at the mic in an evening of verse and mischief."),
];

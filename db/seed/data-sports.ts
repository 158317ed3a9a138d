import { entry } from "./data-types";

const s = entry("SPORTS");
const EN_HI = ["English", "Hindi"];
const t20 = (home: string, away: string, city: string, star = false) =>
  s(`${home} vs ${away}`, EN_HI, ["Cricket", "T20"], 210, "All ages", `T20 League: ${home} host ${away} in a night game under lights.`, { cities: [city], star });

export const SPORTS = [
  t20("Mumbai Mavericks", "Chennai Chargers", "mumbai", true),
  t20("Bengaluru Blasters", "Kolkata Knights", "bengaluru", true),
  t20("Hyderabad Hawks", "Delhi Dynamos", "hyderabad"),
  t20("Kolkata Knights", "Mumbai Mavericks", "kolkata", true),
  t20("Delhi Dynamos", "Pune Panthers", "delhi"),
  t20("Chennai Chargers", "Hyderabad Hawks", "chennai", true),
  t20("Pune Panthers", "Bengaluru Blasters", "pune"),
  s("India vs Australia: 2nd ODI", EN_HI, ["Cricket", "ODI"], 480, "All ages", "The series moves to Chepauk for a day-night ODI with the hosts one match up.", { cities: ["chennai"], star: true }),
  s("India Women vs England Women: 1st T20I", EN_HI, ["Cricket", "T20"], 210, "All ages", "The opening match of a three-game T20 series at the Wankhede.", { cities: ["mumbai"] }),
  s("Kochi Tuskers FC vs Bengaluru Blue Eagles FC", ["English", "Malayalam"], ["Football"], 120, "All ages", "A southern derby in the Super League, in front of the loudest crowd in Indian football.", { cities: ["kochi"] }),
  s("Mumbai City Stars FC vs Goa Sea Hawks FC", EN_HI, ["Football"], 120, "All ages", "The league leaders face their closest rivals in a top-of-the-table clash.", { cities: ["mumbai"] }),
  s("Kolkata Derby: Maidan Tigers vs Mohun Mariners", ["Bengali", "English"], ["Football"], 120, "All ages", "Asia's oldest rivalry, renewed under the lights of the Eden Gardens.", { cities: ["kolkata"], star: true }),
  s("Pro Kabaddi Season: Hyderabad Leg", ["Telugu", "Hindi"], ["Kabaddi"], 150, "All ages", "Two matches a night as the league comes to Hyderabad.", { cities: ["hyderabad"], dates: 3 }),
  s("Pro Kabaddi Season: Pune Leg", ["Marathi", "Hindi"], ["Kabaddi"], 150, "All ages", "Two matches a night as the league comes to Pune.", { cities: ["pune"], dates: 3 }),
  s("Premier Badminton League: Delhi Smashers vs Chennai Shuttlers", EN_HI, ["Badminton"], 180, "All ages", "Five rubbers, mixed doubles included, with Olympians on both sides.", { cities: ["delhi"] }),
  s("Hockey India League: Kolkata Rangers vs Punjab Warriors", EN_HI, ["Hockey"], 120, "All ages", "Fast, physical hockey as the Rangers chase a playoff spot.", { cities: ["kolkata"] }),
  s("Bengaluru Open Tennis: Finals Weekend", ["English"], ["Tennis"], 240, "All ages", "Semi-finals on Saturday, singles and doubles finals on Sunday.", { cities: ["bengaluru"], dates: 2 }),
  s("National Basketball Championship: Finals", ["English", "Tamil"], ["Basketball"], 150, "All ages", "The best state teams meet for the senior national title.", { cities: ["chennai"] }),
  s("Ultimate Kho Kho: Mumbai Sprinters vs Odisha Juggernauts", EN_HI, ["Kho Kho"], 120, "All ages", "India's fastest sport, in a league match packed with dives and pole turns.", { cities: ["mumbai"] }),
  s("Pro Volleyball: Kochi Spikers vs Hyderabad Blockers", ["English", "Malayalam"], ["Volleyball"], 150, "All ages", "Big serves and bigger blocks as the Spikers defend their home record.", { cities: ["kochi"] }),
];

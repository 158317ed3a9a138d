import { entry } from "./data-types";

const x = entry("EXHIBITION");
const EN_HI = ["English", "Hindi"];

export const EXHIBITIONS = [
  x("Starry Nights: An Immersive Van Gogh Experience", ["English"], ["Immersive", "Art"], 600, "All ages", "Walk through projections of more than 300 paintings, set to an original score.", { cities: ["mumbai"], star: true, runDays: 40 }),
  x("Raja Ravi Varma: The Painter Prince", EN_HI, ["Art", "History"], 480, "All ages", "Oil paintings, oleographs and the printing press that brought Ravi Varma's gods into every home.", { cities: ["delhi"], runDays: 30 }),
  x("Contemporary Canvas: Young Indian Artists", ["English"], ["Art"], 540, "All ages", "Forty artists under thirty-five show new painting, sculpture and video work.", { cities: ["delhi"], runDays: 5 }),
  x("Dinosaurs Alive! Animatronic Expo", ["English", "Kannada"], ["Science", "Family"], 600, "All ages", "Life-size moving dinosaurs, a fossil dig for kids and a T. rex that roars on the hour.", { cities: ["bengaluru"], runDays: 45 }),
  x("Electric Futures: EV & Mobility Expo", ["English"], ["Automotive", "Technology"], 540, "All ages", "Electric cars, bikes and buses from forty makers, with test rides outside Hall 2.", { cities: ["delhi"], runDays: 4 }),
  x("Sea Stories: A Biennale Collateral", ["English", "Malayalam"], ["Art", "Contemporary"], 480, "All ages", "Installations about the sea, the spice trade and the fishing communities of Fort Kochi.", { cities: ["kochi"], runDays: 60 }),
  x("Faces of the Ghats: A Photography Show", ["English"], ["Photography"], 480, "All ages", "Portraits of the people who live and work in the Western Ghats.", { cities: ["bengaluru"], runDays: 7 }),
  x("Space Odyssey: ISRO Through the Decades", EN_HI, ["Science", "History"], 540, "All ages", "Rocket models, satellite replicas and a walk-in Chandrayaan mission control.", { cities: ["hyderabad"], star: true, runDays: 30 }),
  x("Threads of Bengal: Textiles and Weaves", ["English", "Bengali"], ["Craft", "Design"], 480, "All ages", "Jamdani, Baluchari and kantha from master weavers, with live looms on the floor.", { cities: ["kolkata"], runDays: 7 }),
  x("Comics & Pop Culture Expo", ["English"], ["Pop Culture"], 600, "All ages", "Artists' alley, cosplay contests and panels with comic creators from across India.", { cities: ["hyderabad"], runDays: 3 }),
  x("Madras Heritage: Four Centuries of Chennai", ["English", "Tamil"], ["History", "Photography"], 480, "All ages", "Maps, photographs and artefacts tracing the city from Fort St. George to the IT corridor.", { cities: ["chennai"], runDays: 30 }),
  x("Design Week Showcase", ["English"], ["Design", "Architecture"], 540, "All ages", "Furniture, lighting and materials from India's leading design studios.", { cities: ["mumbai"], runDays: 5 }),
  x("The Great Indian Book Fair", ["English", "Bengali", "Hindi"], ["Books"], 600, "All ages", "Six hundred publishers, author talks every hour and the best bargains of the year.", { cities: ["kolkata"], runDays: 7 }),
  x("Wild India: Wildlife Photography Awards", ["English"], ["Photography", "Nature"], 480, "All ages", "The year's winning images of tigers, birds and the smaller creatures of India's forests.", { cities: ["pune"], runDays: 21 }),
  x("Mughal Miniatures: Stories in Small", EN_HI, ["Art", "History"], 480, "All ages", "Court paintings from Akbar to Shah Jahan, with magnifiers to see every brushstroke.", { cities: ["hyderabad", "chennai"], runDays: 30 }),
];

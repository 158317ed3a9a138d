import { entry } from "./data-types";

const c = entry("CONCERT");

export const CONCERTS = [
  c("Kabir Rao: The Monsoon Tour", ["Hindi"], ["Bollywood", "Pop"], 150, "All ages", "The voice behind a decade of chartbusters brings his biggest tour yet, with a 20-piece band and a few surprises.", { star: true, dates: 4 }),
  c("Sufi Nights with the Noor Ensemble", ["Hindi", "Urdu", "Punjabi"], ["Sufi"], 140, "All ages", "An evening of kalaam and qawwali from the Noor Ensemble, ending — as always — with the whole hall on its feet."),
  c("The Local Chai Band: Unplugged", ["Hindi", "English"], ["Indie", "Rock"], 120, "12+", "Delhi's favourite indie band strips its anthems down to guitars, harmonium and a very loud audience.", { dates: 3 }),
  c("Raaga to Rock: A Carnatic Fusion Evening", ["Tamil"], ["Carnatic", "Fusion"], 150, "All ages", "Violin, mridangam and electric guitar trade phrases in a concert that moves from Thyagaraja to Led Zeppelin.", { cities: ["chennai", "bengaluru"] }),
  c("Bassline Arena: EDM Night", ["English"], ["EDM"], 240, "16+", "Four headline DJs, one massive rig and a light show built for the big room.", { dates: 2 }),
  c("Jazz by the Bay", ["English"], ["Jazz"], 150, "All ages", "A quartet led by saxophonist Mira D'Costa plays standards and new compositions inspired by Bombay's jazz age.", { cities: ["mumbai"] }),
  c("Mehfil-e-Ghazal", ["Urdu", "Hindi"], ["Ghazal"], 150, "All ages", "Timeless ghazals of Ghalib, Faiz and Jagjit-era favourites, performed with tabla, sarangi and harmonium."),
  c("Desi Hip-Hop Cypher", ["Hindi", "English", "Punjabi"], ["Hip-Hop"], 180, "16+", "Seven rappers from Dharavi to Delhi share one stage for a night of bars, beats and battle rounds.", { dates: 3 }),
  c("Symphony of the South: Film Music Live", ["Tamil", "Telugu"], ["Film Music", "Orchestral"], 165, "All ages", "A 60-piece orchestra performs three decades of South Indian film scores.", { star: true, cities: ["chennai", "hyderabad"], dates: 2 }),
  c("Gurnaam Sandhu: Punjabi Tadka Live", ["Punjabi"], ["Bhangra", "Pop"], 150, "12+", "Dhol, bhangra and the hits you dance to at every wedding — live.", { cities: ["delhi", "mumbai"], dates: 2 }),
  c("Rabindra Sangeet Sandhya", ["Bengali"], ["Classical", "Folk"], 130, "All ages", "An intimate evening of Tagore's songs with a choir of forty voices.", { cities: ["kolkata"] }),
  c("Folk Frequencies: Rajasthan Roots", ["Rajasthani", "Hindi"], ["Folk"], 140, "All ages", "Manganiyar musicians from Jaisalmer meet a modern rhythm section."),
  c("Parallel Lines: The Farewell Tour", ["English"], ["Rock"], 150, "12+", "After twenty-five years, Bengaluru's pioneering rock band plays its final run of shows.", { star: true, dates: 3 }),
  c("Sitar & Strings: Pandit Vikram Joshi", ["Instrumental"], ["Hindustani Classical"], 150, "All ages", "The sitar maestro performs evening ragas, accompanied by a string quartet in the second half."),
  c("Bollywood Retro Night: R.D. Burman Tribute", ["Hindi"], ["Bollywood", "Retro"], 160, "All ages", "Pancham's greatest hits performed by a twelve-piece band with vintage brass arrangements.", { dates: 3 }),
  c("Lo-Fi Living Room Sessions", ["English", "Hindi"], ["Indie", "Lo-Fi"], 120, "All ages", "Bedroom producers and singer-songwriters play soft sets for a seated audience."),
  c("K-Pop Dance Night", ["Korean", "English"], ["K-Pop"], 180, "12+", "Cover crews, random-play dance and a live set from a touring Seoul-based act."),
  c("Raghu & The Wanderers: Kannada Rock Revival", ["Kannada"], ["Rock"], 140, "12+", "Kannada rock anthems from the 2000s, played loud by the band that started it all.", { cities: ["bengaluru"] }),
  c("Sid & Friends: Telugu Melodies Live", ["Telugu"], ["Film Music"], 150, "All ages", "Playback favourite Siddharth Varma sings the love songs that soundtracked a generation.", { cities: ["hyderabad"], dates: 2 }),
  c("Malabar Beats Live", ["Malayalam"], ["Folk Rock", "Fusion"], 150, "All ages", "Chenda drums meet electric guitars in Kerala's most energetic live act.", { cities: ["kochi", "bengaluru"] }),
  c("Qawwali Under the Stars", ["Urdu", "Hindi"], ["Qawwali", "Sufi"], 150, "All ages", "A traditional qawwali party performs through the night, from Amir Khusrau to Nusrat-era classics."),
  c("Electronic Ragas", ["Instrumental"], ["Electronica", "Fusion"], 120, "16+", "Live electronics and modular synths built around classical ragas."),
  c("The Great Indian Unplugged", ["Hindi", "English"], ["Acoustic"], 150, "All ages", "Five singer-songwriters, one acoustic stage and the songs behind their biggest hits.", { dates: 2 }),
  c("Metal Monsoon Fest", ["English"], ["Metal"], 240, "16+", "Six bands from across India bring the heaviest night of the season."),
  c("Marathi Abhang Wari Live", ["Marathi"], ["Devotional", "Folk"], 140, "All ages", "Abhangs of Tukaram and Dnyaneshwar, sung by a troupe of warkaris with pakhawaj and taal.", { cities: ["pune", "mumbai"] }),
];

export type CitySeed = {
  id: string;
  name: string;
  state: string;
  lat: number;
  lng: number;
  /** The language regional films in this city are mostly shown in, besides Hindi and English. */
  regionalLanguage: string;
};

export const TIME_ZONE = "Asia/Kolkata";

export const CITIES: readonly CitySeed[] = [
  { id: "mumbai", name: "Mumbai", state: "Maharashtra", lat: 19.076, lng: 72.8777, regionalLanguage: "Marathi" },
  { id: "delhi", name: "Delhi NCR", state: "Delhi", lat: 28.6139, lng: 77.209, regionalLanguage: "Hindi" },
  { id: "bengaluru", name: "Bengaluru", state: "Karnataka", lat: 12.9716, lng: 77.5946, regionalLanguage: "Kannada" },
  { id: "hyderabad", name: "Hyderabad", state: "Telangana", lat: 17.385, lng: 78.4867, regionalLanguage: "Telugu" },
  { id: "chennai", name: "Chennai", state: "Tamil Nadu", lat: 13.0827, lng: 80.2707, regionalLanguage: "Tamil" },
  { id: "kolkata", name: "Kolkata", state: "West Bengal", lat: 22.5726, lng: 88.3639, regionalLanguage: "Bengali" },
  { id: "pune", name: "Pune", state: "Maharashtra", lat: 18.5204, lng: 73.8567, regionalLanguage: "Marathi" },
  { id: "kochi", name: "Kochi", state: "Kerala", lat: 9.9312, lng: 76.2673, regionalLanguage: "Malayalam" },
];

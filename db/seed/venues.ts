import type { LayoutName } from "./layouts";

export type VenueSeed = {
  cityId: string;
  name: string;
  address: string;
  lat: number;
  lng: number;
  sections: [name: string, layout: LayoutName][];
};

const v = (
  cityId: string,
  name: string,
  address: string,
  lat: number,
  lng: number,
  sections: VenueSeed["sections"],
): VenueSeed => ({ cityId, name, address, lat, lng, sections });

export const VENUES: readonly VenueSeed[] = [
  // Mumbai
  v("mumbai", "PVR Phoenix Palladium, Lower Parel", "462 Senapati Bapat Marg, Lower Parel, Mumbai 400013", 18.9949, 72.8258, [
    ["Audi 1", "screen150"],
    ["Audi 2", "screenCompact"],
    ["IMAX", "screenImax"],
    ["Director's Cut", "screenRecliner"],
  ]),
  v("mumbai", "INOX Nariman Point", "CR2 Mall, Barrister Rajni Patel Marg, Nariman Point, Mumbai 400021", 18.9256, 72.8242, [
    ["Screen 1", "screen150"],
    ["Screen 2", "screen4dx"],
  ]),
  v("mumbai", "NCPA, Nariman Point", "NCPA Marg, Nariman Point, Mumbai 400021", 18.9256, 72.8196, [
    ["Tata Theatre", "auditorium"],
    ["Experimental Theatre", "studio"],
  ]),
  v("mumbai", "Prithvi Theatre, Juhu", "20 Janki Kutir, Juhu Church Road, Juhu, Mumbai 400049", 19.106, 72.8265, [["Main Stage", "studio"]]),
  v("mumbai", "The Habitat Comedy Club, Khar", "3rd Road, Khar West, Mumbai 400052", 19.0712, 72.8363, [["Main Room", "club"]]),
  v("mumbai", "Wankhede Stadium, Churchgate", "D Road, Churchgate, Mumbai 400020", 18.9389, 72.8258, [["Sunil Gavaskar Stand", "stadium"]]),
  v("mumbai", "Jio World Convention Centre, BKC", "G Block, Bandra Kurla Complex, Mumbai 400098", 19.0649, 72.865, [
    ["Hall 1", "hallLarge"],
    ["Hall 2", "hall"],
  ]),
  // Delhi NCR
  v("delhi", "PVR Select Citywalk, Saket", "A-3 District Centre, Saket, New Delhi 110017", 28.5286, 77.219, [
    ["Audi 1", "screen150"],
    ["Audi 2", "screen150"],
    ["IMAX", "screenImax"],
    ["4DX", "screen4dx"],
  ]),
  v("delhi", "PVR Director's Cut, Vasant Kunj", "Ambience Mall, Nelson Mandela Marg, Vasant Kunj, New Delhi 110070", 28.5413, 77.1551, [
    ["Audi 1", "screenRecliner"],
    ["Audi 2", "screenRecliner"],
  ]),
  v("delhi", "Kamani Auditorium, Mandi House", "1 Copernicus Marg, Mandi House, New Delhi 110001", 28.6256, 77.2334, [["Main Hall", "auditorium"]]),
  v("delhi", "Siri Fort Auditorium", "August Kranti Marg, Siri Fort, New Delhi 110049", 28.5512, 77.2197, [
    ["Auditorium I", "auditorium"],
    ["Auditorium II", "studio"],
  ]),
  v("delhi", "The Laugh Store, DLF CyberHub", "DLF CyberHub, DLF Phase 2, Gurugram 122002", 28.495, 77.0895, [["Main Room", "club"]]),
  v("delhi", "Arun Jaitley Stadium", "Bahadur Shah Zafar Marg, Daryaganj, New Delhi 110002", 28.6379, 77.2432, [["Pavilion Stand", "stadium"]]),
  v("delhi", "Bharat Mandapam, Pragati Maidan", "Pragati Maidan, Mathura Road, New Delhi 110001", 28.6179, 77.2436, [
    ["Hall 2", "hallLarge"],
    ["Hall 5", "hall"],
    ["Hall 12", "hall"],
  ]),
  // Bengaluru
  v("bengaluru", "PVR Orion Mall, Rajajinagar", "Dr Rajkumar Road, Rajajinagar, Bengaluru 560055", 13.0108, 77.555, [
    ["Audi 1", "screen150"],
    ["Audi 2", "screenCompact"],
    ["IMAX", "screenImax"],
  ]),
  v("bengaluru", "INOX Garuda Mall, Magrath Road", "Garuda Mall, Magrath Road, Ashok Nagar, Bengaluru 560025", 12.97, 77.6099, [
    ["Screen 1", "screen150"],
    ["Insignia", "screenRecliner"],
  ]),
  v("bengaluru", "Chowdiah Memorial Hall, Malleshwaram", "16th Cross, Vyalikaval, Malleshwaram, Bengaluru 560003", 13.0046, 77.5778, [["Main Hall", "auditorium"]]),
  v("bengaluru", "Ranga Shankara, JP Nagar", "36/2 8th Cross, II Phase, JP Nagar, Bengaluru 560078", 12.9102, 77.5857, [["Main Stage", "studio"]]),
  v("bengaluru", "The Comedy Theatre, Indiranagar", "100 Feet Road, HAL 2nd Stage, Indiranagar, Bengaluru 560038", 12.9784, 77.6408, [["Main Room", "club"]]),
  v("bengaluru", "M. Chinnaswamy Stadium", "Mahatma Gandhi Road, Bengaluru 560001", 12.9788, 77.5996, [["P Stand", "stadium"]]),
  v("bengaluru", "Bangalore International Exhibition Centre", "Tumkur Road, Madavara, Bengaluru 562123", 13.0597, 77.4752, [
    ["Hall 1", "hallLarge"],
    ["Hall 2", "hall"],
  ]),
  // Hyderabad
  v("hyderabad", "Prasads Multiplex, Necklace Road", "NTR Marg, Khairatabad, Hyderabad 500063", 17.4133, 78.4655, [
    ["PCX Big Screen", "screenImax"],
    ["Screen 2", "screen150"],
  ]),
  v("hyderabad", "AMB Cinemas, Gachibowli", "Survey 40, Kondapur, Hyderabad 500084", 17.4565, 78.3663, [
    ["Screen 1", "screen150"],
    ["Screen 2", "screenRecliner"],
  ]),
  v("hyderabad", "Shilpakala Vedika, Madhapur", "HITEC City Road, Madhapur, Hyderabad 500081", 17.4512, 78.3828, [["Main Auditorium", "auditorium"]]),
  v("hyderabad", "The Punchline Room, Jubilee Hills", "Road No. 36, Jubilee Hills, Hyderabad 500033", 17.4302, 78.4069, [["Main Room", "clubSmall"]]),
  v("hyderabad", "Rajiv Gandhi International Stadium, Uppal", "Uppal Main Road, Uppal, Hyderabad 500039", 17.4065, 78.5505, [["North Stand", "stadium"]]),
  v("hyderabad", "HITEX Exhibition Centre, Madhapur", "Izzathnagar, Kothaguda, Hyderabad 500084", 17.4707, 78.3733, [
    ["Hall 1", "hallLarge"],
    ["Hall 2", "hall"],
    ["Hall 3", "hall"],
  ]),
  // Chennai
  v("chennai", "PVR Sathyam, Royapettah", "8 Thiru Vi Ka Road, Royapettah, Chennai 600014", 13.0555, 80.258, [
    ["Sathyam", "screenImax"],
    ["Santham", "screen150"],
    ["Seasons", "screenCompact"],
  ]),
  v("chennai", "AGS Cinemas, T. Nagar", "Thyagaraya Road, T. Nagar, Chennai 600017", 13.0418, 80.2341, [["Screen 1", "screen150"]]),
  v("chennai", "The Music Academy, Mylapore", "168 TTK Road, Royapettah, Chennai 600014", 13.0486, 80.2597, [["Main Hall", "auditorium"]]),
  v("chennai", "The Laugh Lounge, Nungambakkam", "Khader Nawaz Khan Road, Nungambakkam, Chennai 600006", 13.0607, 80.2497, [["Main Room", "clubSmall"]]),
  v("chennai", "M. A. Chidambaram Stadium, Chepauk", "Wallajah Road, Chepauk, Chennai 600005", 13.0628, 80.2793, [["Anna Pavilion", "stadium"]]),
  v("chennai", "Chennai Trade Centre, Nandambakkam", "Mount Poonamallee Road, Nandambakkam, Chennai 600089", 13.0229, 80.1756, [
    ["Hall 1", "hallLarge"],
    ["Hall 2", "hall"],
  ]),
  // Kolkata
  v("kolkata", "INOX Quest Mall, Ballygunge", "33 Syed Amir Ali Avenue, Ballygunge, Kolkata 700017", 22.539, 88.3657, [
    ["Screen 1", "screen150"],
    ["Screen 2", "screenCompact"],
    ["Insignia", "screenRecliner"],
  ]),
  v("kolkata", "Kala Mandir, Shakespeare Sarani", "48 Shakespeare Sarani, Kolkata 700017", 22.5449, 88.3546, [["Main Hall", "auditorium"]]),
  v("kolkata", "Gyan Manch, Elgin Road", "11 Pretoria Street, Elgin, Kolkata 700071", 22.5445, 88.353, [["Main Hall", "studio"]]),
  v("kolkata", "Eden Gardens", "BBD Bagh, Maidan, Kolkata 700021", 22.5646, 88.3433, [["Club House Stand", "stadium"]]),
  v("kolkata", "Biswa Bangla Convention Centre, New Town", "Action Area II, New Town, Kolkata 700156", 22.5796, 88.4656, [
    ["Exhibition Hall A", "hallLarge"],
    ["Exhibition Hall B", "hall"],
  ]),
  // Pune
  v("pune", "PVR Phoenix Marketcity, Viman Nagar", "Nagar Road, Viman Nagar, Pune 411014", 18.5622, 73.9166, [
    ["Audi 1", "screen150"],
    ["IMAX", "screenImax"],
  ]),
  v("pune", "Balgandharva Rang Mandir, Shivajinagar", "Jangali Maharaj Road, Shivajinagar, Pune 411004", 18.5236, 73.8478, [["Main Auditorium", "auditorium"]]),
  v("pune", "Loud Laughs Cafe, Koregaon Park", "Lane 6, Koregaon Park, Pune 411001", 18.5362, 73.894, [["Main Room", "club"]]),
  v("pune", "Maharashtra Cricket Association Stadium", "Gahunje, Pune 412101", 18.6746, 73.7066, [["West Stand", "stadium"]]),
  v("pune", "Auto Cluster Exhibition Centre, Chinchwad", "Old Pune-Mumbai Highway, Chinchwad, Pune 411019", 18.6286, 73.8008, [["Hall 1", "hall"]]),
  // Kochi
  v("kochi", "PVR Lulu Mall, Edappally", "NH 66, Edappally, Kochi 682024", 10.0271, 76.3081, [
    ["Audi 1", "screen150"],
    ["Audi 2", "screenCompact"],
  ]),
  v("kochi", "JT Performing Arts Centre, Maradu", "Maradu, Kochi 682304", 9.9381, 76.3215, [["Main Stage", "studio"]]),
  v("kochi", "Jawaharlal Nehru Stadium, Kaloor", "Kaloor, Kochi 682017", 10.0003, 76.2995, [["East Gallery", "stadium"]]),
  v("kochi", "Aspinwall House, Fort Kochi", "Calvetty Road, Fort Kochi, Kochi 682001", 9.9658, 76.242, [["Gallery", "hall"]]),
  // Arenas and grounds with general admission zones (added last: ids are drawn in order).
  v("mumbai", "NSCI Dome, Worli", "Lala Lajpatrai Marg, Worli, Mumbai 400018", 19.0096, 72.8176, [["Arena", "arena"]]),
  v("bengaluru", "Palace Grounds, Jayamahal", "Jayamahal Road, Vasanth Nagar, Bengaluru 560006", 13.0005, 77.5921, [["Festival Ground", "festivalGround"]]),
  v("delhi", "Indira Gandhi Arena, IP Estate", "Indraprastha Estate, New Delhi 110002", 28.6291, 77.2503, [["Arena", "arena"]]),
  v("hyderabad", "Gachibowli Indoor Stadium", "Gachibowli, Hyderabad 500032", 17.4437, 78.3489, [["Arena", "arena"]]),
  v("pune", "Mahalakshmi Lawns, Hadapsar", "Solapur Road, Hadapsar, Pune 411028", 18.5089, 73.9259, [["Festival Ground", "festivalGround"]]),
  v("kochi", "Kochi Football Ground, Panampilly Nagar", "Panampilly Nagar, Kochi 682036", 9.9622, 76.2941, [["Main Ground", "footballGround"]]),
];

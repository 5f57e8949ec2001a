/** Italian names for believable customers; repetition across 20,000 people is expected. */

export const femaleFirstNames = [
  "Giulia", "Francesca", "Chiara", "Sara", "Martina", "Valentina", "Alessia", "Federica", "Elisa",
  "Silvia", "Laura", "Paola", "Elena", "Roberta", "Anna", "Maria", "Giorgia", "Sofia", "Aurora",
  "Alice", "Beatrice", "Camilla", "Ludovica", "Veronica", "Serena", "Ilaria", "Claudia", "Monica",
  "Barbara", "Cristina", "Daniela", "Simona", "Angela", "Rosa", "Lucia", "Teresa", "Giovanna",
  "Noemi", "Greta", "Bianca",
] as const;

export const maleFirstNames = [
  "Marco", "Luca", "Andrea", "Francesco", "Alessandro", "Matteo", "Lorenzo", "Davide", "Simone",
  "Federico", "Riccardo", "Giuseppe", "Giovanni", "Antonio", "Stefano", "Paolo", "Roberto",
  "Massimo", "Fabio", "Daniele", "Gabriele", "Tommaso", "Leonardo", "Edoardo", "Pietro", "Nicola",
  "Salvatore", "Vincenzo", "Claudio", "Enrico", "Filippo", "Emanuele", "Michele", "Diego",
  "Alberto", "Carlo", "Mario", "Giorgio", "Sergio", "Mattia",
] as const;

/** For gender "other": names used for any gender in Italy. */
export const neutralFirstNames = ["Andrea", "Nicola", "Gabriele", "Celeste", "Sasha", "Noa", "Alex", "Dani"] as const;

export const lastNames = [
  "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino",
  "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo",
  "Lombardi", "Moretti", "Barbieri", "Fontana", "Santoro", "Mariani", "Rinaldi", "Caruso",
  "Ferrara", "Galli", "Martini", "Leone", "Longo", "Gentile", "Martinelli", "Vitale", "Lombardo",
  "Serra", "Coppola", "De Santis", "D'Angelo", "Marchetti", "Parisi", "Villa", "Conte", "Ferraro",
  "Ferri", "Fabbri", "Bianco", "Marini", "Grasso", "Valentini", "Messina", "Sala", "De Angelis",
  "Gatti", "Pellegrini", "Palumbo", "Sanna", "Farina", "Rizzi", "Monti", "Cattaneo", "Morelli",
  "Amato", "Silvestri", "Mazza", "Testa", "Grassi", "Pellegrino", "Carbone", "Giuliani",
] as const;

/** Lowercase ASCII for email local parts: "D'Angelo" → "dangelo", "De Luca" → "deluca". */
export const emailPart = (name: string): string =>
  name
    .normalize("NFD")
    .replace(/[^A-Za-z]/g, "")
    .toLowerCase();

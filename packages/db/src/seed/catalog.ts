/** The demo chain: where it sells and what. Prices are in cents (EUR). */

export type DemoStore = {
  id: number;
  code: string;
  name: string;
  city: string;
  region: string;
  /** Years before the data starts that the store opened; keeps opened_at relative to asOf. */
  openedYearsBefore: number;
  online: boolean;
};

export const demoStores: readonly DemoStore[] = [
  {
    id: 1,
    code: "MIL01",
    name: "Boomerang Milano Centrale",
    city: "Milano",
    region: "Lombardia",
    openedYearsBefore: 9,
    online: false,
  },
  {
    id: 2,
    code: "ROM01",
    name: "Boomerang Roma Prati",
    city: "Roma",
    region: "Lazio",
    openedYearsBefore: 7,
    online: false,
  },
  {
    id: 3,
    code: "TOR01",
    name: "Boomerang Torino Crocetta",
    city: "Torino",
    region: "Piemonte",
    openedYearsBefore: 6,
    online: false,
  },
  {
    id: 4,
    code: "BOL01",
    name: "Boomerang Bologna Centro",
    city: "Bologna",
    region: "Emilia-Romagna",
    openedYearsBefore: 5,
    online: false,
  },
  {
    id: 5,
    code: "NAP01",
    name: "Boomerang Napoli Vomero",
    city: "Napoli",
    region: "Campania",
    openedYearsBefore: 4,
    online: false,
  },
  {
    id: 6,
    code: "FIR01",
    name: "Boomerang Firenze Campo di Marte",
    city: "Firenze",
    region: "Toscana",
    openedYearsBefore: 3,
    online: false,
  },
  {
    id: 7,
    code: "WEB",
    name: "Online shop",
    city: "Milano",
    region: "Lombardia",
    openedYearsBefore: 3,
    online: true,
  },
];

export const physicalStores = demoStores.filter((s) => !s.online);
export const onlineStore = demoStores.find((s) => s.online)!;

/** Where customers live: the store city itself or a town nearby that shops there. */
export const catchment: readonly { storeId: number; towns: readonly string[]; weight: number }[] = [
  {
    storeId: 1,
    towns: ["Milano", "Milano", "Milano", "Monza", "Sesto San Giovanni", "Bergamo"],
    weight: 26,
  },
  { storeId: 2, towns: ["Roma", "Roma", "Roma", "Fiumicino", "Tivoli"], weight: 24 },
  { storeId: 3, towns: ["Torino", "Torino", "Torino", "Moncalieri", "Rivoli"], weight: 14 },
  {
    storeId: 4,
    towns: ["Bologna", "Bologna", "Bologna", "Imola", "Casalecchio di Reno"],
    weight: 12,
  },
  { storeId: 5, towns: ["Napoli", "Napoli", "Napoli", "Pozzuoli", "Portici"], weight: 14 },
  { storeId: 6, towns: ["Firenze", "Firenze", "Firenze", "Prato", "Sesto Fiorentino"], weight: 10 },
];

export type Sku = { sku: string; name: string; category: string; price: number };

const category = (code: string, name: string, items: readonly [string, number][]): Sku[] =>
  items.map(([itemName, price], i) => ({
    sku: `${code}-${String(i + 1).padStart(3, "0")}`,
    name: itemName,
    category: name,
    price,
  }));

export const categories: readonly { name: string; weight: number; skus: readonly Sku[] }[] = [
  {
    name: "coffee",
    weight: 14,
    skus: category("COF", "coffee", [
      ["Espresso beans 1 kg", 1890],
      ["Moka ground coffee 250 g", 449],
      ["Decaf capsules x30", 799],
      ["Single-origin Ethiopia 500 g", 1590],
      ["Cappuccino to go", 220],
    ]),
  },
  {
    name: "bakery",
    weight: 16,
    skus: category("BAK", "bakery", [
      ["Sourdough loaf", 450],
      ["Focaccia genovese", 380],
      ["Cornetti x4", 520],
      ["Panettone 1 kg", 1990],
      ["Grissini torinesi", 290],
    ]),
  },
  {
    name: "fresh produce",
    weight: 18,
    skus: category("FRE", "fresh produce", [
      ["Seasonal fruit box", 1290],
      ["San Marzano tomatoes 1 kg", 390],
      ["Organic salad mix", 249],
      ["Sicilian lemons 1 kg", 320],
      ["Vegetable box", 1490],
    ]),
  },
  {
    name: "dairy",
    weight: 14,
    skus: category("DAI", "dairy", [
      ["Parmigiano Reggiano 24 months 500 g", 1290],
      ["Mozzarella di bufala", 450],
      ["Fresh milk 1 l", 169],
      ["Greek yogurt x4", 399],
      ["Gorgonzola dolce 250 g", 420],
    ]),
  },
  {
    name: "wine",
    weight: 10,
    skus: category("WIN", "wine", [
      ["Chianti Classico", 1490],
      ["Barolo DOCG", 3990],
      ["Prosecco Superiore", 1190],
      ["Nero d'Avola", 890],
      ["Franciacorta Brut", 2490],
    ]),
  },
  {
    name: "household",
    weight: 9,
    skus: category("HOU", "household", [
      ["Eco detergent 2 l", 699],
      ["Kitchen towels x6", 499],
      ["Beeswax wraps", 1290],
      ["Glass storage jars x3", 1890],
    ]),
  },
  {
    name: "personal care",
    weight: 8,
    skus: category("PER", "personal care", [
      ["Olive oil soap", 390],
      ["Natural shampoo", 890],
      ["Hand cream", 690],
      ["Bamboo toothbrush x2", 450],
    ]),
  },
  {
    name: "pet",
    weight: 6,
    skus: category("PET", "pet", [
      ["Dry dog food 3 kg", 2190],
      ["Cat treats", 349],
      ["Organic cat food x6", 890],
      ["Dog chew toy", 790],
    ]),
  },
  {
    name: "apparel accessories",
    weight: 5,
    skus: category("APP", "apparel accessories", [
      ["Canvas tote bag", 1490],
      ["Wool scarf", 2990],
      ["Sunglasses", 3490],
      ["Cotton socks x3", 990],
    ]),
  },
];

export const allSkus: readonly Sku[] = categories.flatMap((c) => c.skus);

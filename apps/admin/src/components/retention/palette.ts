/** Distinguishable line colours for cohorts side by side (cycled). */
export const cohortColours = [
  "#0f766e",
  "#b45309",
  "#7c3aed",
  "#be123c",
  "#0369a1",
  "#4d7c0f",
  "#a16207",
  "#475569",
];

/**
 * What a Retention card says about the page's channel filter: either that only that channel's
 * orders count, or that the card covers all channels because its data is not split by channel.
 */
export function channelNote(channel: "online" | "offline" | null, applies: boolean): string {
  if (channel === null) return "";
  const name = channel === "online" ? "online" : "in-store";
  return applies
    ? ` Only ${name} orders count (the first purchase is the first ${name} one).`
    : ` Covers all channels: the ${name} filter does not apply to this card.`;
}

/**
 * What a Retention card says about the page's channel filter:
 * - "first-purchase": cards by first purchase, where only the channel's orders count and the first
 *   purchase is the first in that channel;
 * - "orders": cards over calendar time, where only the channel's orders (and so its buyers) count;
 * - "models": the predicted value, whose models are fitted on every order, so the filter does not apply.
 */
export type ChannelScope = "first-purchase" | "orders" | "models";

export function channelNote(channel: "online" | "offline" | null, scope: ChannelScope): string {
  if (channel === null) return "";
  const name = channel === "online" ? "online" : "in-store";
  switch (scope) {
    case "first-purchase":
      return ` Only ${name} orders count (the first purchase is the first ${name} one).`;
    case "orders":
      return ` Only ${name} orders count (customers who never bought ${name} are left out).`;
    case "models":
      return ` Covers all channels: the models are fitted on every order whatever its channel, so the ${name} filter does not apply here.`;
  }
}

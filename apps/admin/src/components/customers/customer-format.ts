/** An email with most of the local part hidden: "an***@example.com". */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at <= 0) return "***";
  const local = email.slice(0, at);
  return `${local.slice(0, Math.min(2, local.length - 1))}***${email.slice(at)}`;
}

/** A phone number with all but the last three digits hidden: "+** *** ****567". */
export function maskPhone(phone: string): string {
  let toHide = phone.replace(/\D/g, "").length - 3;
  if (toHide <= 0) return "***";
  return phone.replace(/\d/g, (d) => (toHide-- > 0 ? "*" : d));
}

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 86_400_000],
  ["month", 30 * 86_400_000],
  ["week", 7 * 86_400_000],
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
];

/** "3 days ago", "last month", in the business's locale, relative to `now`. */
export function relativeTime(date: Date, now: Date, locale: string): string {
  const diff = date.getTime() - now.getTime();
  const format = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  for (const [unit, ms] of units) {
    if (Math.abs(diff) >= ms) return format.format(Math.round(diff / ms), unit);
  }
  return format.format(0, "minute");
}

export const channelLabels: Record<string, string> = {
  email: "Email",
  sms: "SMS",
  messenger: "Messenger",
  push: "Push",
};

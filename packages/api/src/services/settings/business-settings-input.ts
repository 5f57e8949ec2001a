import { z } from "zod";

const timeZones = new Set(Intl.supportedValuesOf("timeZone"));
const currencies = new Set(Intl.supportedValuesOf("currency"));

/** A BCP 47 tag the runtime can format with, so every page can show money and dates in it. */
function isUsableLocale(tag: string): boolean {
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    return canonical !== undefined && Intl.NumberFormat.supportedLocalesOf([canonical]).length > 0;
  } catch {
    return false;
  }
}

export const businessSettingsInput = z.object({
  businessName: z.string().trim().min(1, { message: "Enter the business's name." }).max(120),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .refine((c) => currencies.has(c), {
      message: "Use an ISO 4217 currency code, such as EUR or USD.",
    }),
  locale: z
    .string()
    .trim()
    .refine(isUsableLocale, { message: "Use a language tag such as en-GB or it-IT." }),
  timezone: z
    .string()
    .trim()
    .refine((tz) => tz === "UTC" || timeZones.has(tz), {
      message: "Use an IANA time zone, such as Europe/Rome.",
    }),
  churnWindowDays: z
    .number({ message: "Enter a number of days." })
    .int({ message: "Use a whole number of days." })
    .min(14, { message: "Use a churn window of at least 14 days." })
    .max(730, { message: "Use a churn window of at most 730 days." }),
});

export type BusinessSettingsInput = z.infer<typeof businessSettingsInput>;

import { createHash, randomBytes } from "node:crypto";

const PREFIX = "bmr_";

/** A new secret: 32 random bytes, with a recognisable prefix so leaked keys are easy to grep for. */
export const generateSecret = (): string => `${PREFIX}${randomBytes(32).toString("base64url")}`;

/**
 * Keys are long random secrets, so one SHA-256 is enough (no slow hash needed as for passwords):
 * the database never holds a usable key.
 */
export const hashSecret = (secret: string): string =>
  createHash("sha256").update(secret).digest("hex");

/** What the list shows so people can tell keys apart. */
export const displayPrefix = (secret: string): string => secret.slice(0, PREFIX.length + 6);

import type { AnyProgramType } from "./program-type";
import { bundleProgram } from "./types/bundle";
import { cashbackProgram } from "./types/cashback";
import { comebackProgram } from "./types/comeback";
import { ecoDiscountProgram } from "./types/eco-discount";
import { exclusiveOfferProgram } from "./types/exclusive-offer";
import { flexibleRewardsProgram } from "./types/flexible-rewards";
import { giftWithOrderProgram } from "./types/gift-with-order";
import { pointsProgram } from "./types/points";
import { promoCodeProgram } from "./types/promo-code";
import { referralProgram } from "./types/referral";
import { stampCardProgram } from "./types/stamp-card";
import { tieredDiscountProgram } from "./types/tiered-discount";
import { vipTiersProgram } from "./types/vip-tiers";

/** Every program type the designer offers, in catalog order. Adding a type: one line here. */
const catalog: readonly AnyProgramType[] = [
  pointsProgram,
  cashbackProgram,
  tieredDiscountProgram,
  stampCardProgram,
  referralProgram,
  vipTiersProgram,
  flexibleRewardsProgram,
  promoCodeProgram,
  bundleProgram,
  comebackProgram,
  giftWithOrderProgram,
  exclusiveOfferProgram,
  ecoDiscountProgram,
] as readonly AnyProgramType[];

export const programTypes: ReadonlyMap<string, AnyProgramType> = new Map(
  catalog.map((type) => [type.id, type]),
);

export const programTypeIds: readonly string[] = catalog.map((type) => type.id);

export const getProgramType = (typeId: string): AnyProgramType | undefined =>
  programTypes.get(typeId);

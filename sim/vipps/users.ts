import { z } from 'zod';

/** A postal address as Vipps's `address` claim carries it. */
export interface VippsAddress {
  streetAddress: string;
  postalCode: string;
  region: string;
  /** ISO 3166-1 alpha-2. Default `NO`. */
  country?: string;
}

/**
 * A Vipps test user, as the business portal's "Test users" page lists them: a phone number and
 * a national identity number (use synthetic numbers only), plus the profile Vipps shares.
 */
export interface VippsTestUser {
  /** `4712345678`, `+47 123 45 678` or `12345678` (Norwegian when 8 digits). */
  phoneNumber: string;
  /** Fødselsnummer, 11 digits. */
  nin: string;
  givenName: string;
  familyName: string;
  /** YYYY-MM-DD. */
  birthDate: string;
  email?: string | null;
  address?: VippsAddress | null;
}

/** A user the simulator holds: the profile, its phone number in Vipps's form and its `sub`. */
export interface VippsAccount {
  readonly sub: string;
  /** Country code and number, digits only, as the `phone_number` claim carries it: `4712345678`. */
  readonly phoneNumber: string;
  readonly profile: Readonly<VippsTestUser>;
}

const VippsAddressSchema = z.object({
  streetAddress: z.string().min(1),
  postalCode: z.string().min(1),
  region: z.string().min(1),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
});

export const VippsTestUserSchema = z.object({
  phoneNumber: z.string().max(32),
  nin: z.string().regex(/^\d{11}$/),
  givenName: z.string().min(1),
  familyName: z.string().min(1),
  birthDate: z.iso.date(),
  email: z.email().nullable().optional(),
  address: VippsAddressSchema.nullable().optional(),
});

/**
 * A phone number in Vipps's claim form (country code and number, digits only), or null when it
 * cannot be one. Eight digits are a Norwegian number, as a Norwegian user would type it.
 */
export function normalizeVippsPhoneNumber(input: string): string | null {
  const compact = input.replace(/[\s().-]/g, '');
  const digits = compact.startsWith('+') ? compact.slice(1) : compact.startsWith('00') ? compact.slice(2) : compact;
  if (!/^\d+$/.test(digits)) return null;
  if (digits.length === 8) return `47${digits}`;
  return digits.length >= 10 && digits.length <= 15 ? digits : null;
}

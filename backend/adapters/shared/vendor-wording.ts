/**
 * How a member-register vendor is named in the messages a volunteer administrator reads. The
 * vendors differ in who runs the service and whom to contact, so each names them itself.
 */
export interface VendorWording {
  /** The product name the administrator knows: "Cornerstone". */
  readonly name: string;
  /** Whom to contact when the vendor keeps failing: "Kommunion support". */
  readonly support: string;
  /** Who should hear that the vendor seems overloaded. */
  readonly overloadContact: string;
  /** Who must fix the vendor's TLS certificate. */
  readonly certificateOwner: string;
}

/** "1 second", "2 seconds". */
export function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

// Any run of nine or more digits, with or without single separators: a personnummer or any other
// number that could identify someone. Text that is stored or shown must never carry one.
const longDigitRun = /\d(?:[\s.-]?\d){8,}/g;

export function redact(text: string): string {
  return text.replace(longDigitRun, '[number removed]');
}

const controlsAndSpace = /[\p{Cc}\s]+/gu;
const maxExplanationLength = 200;

/** Whether `text` has a run of four or more digits found in `withheld`: a birth date or an individual number quoted on its own. */
function quotesPartOf(text: string, withheld: string): boolean {
  return (text.match(/\d{4,}/g) ?? []).some((run) => withheld.includes(run));
}

/**
 * A vendor's own words about a refusal, fit to quote inside a sentence: long numbers removed, on
 * one line, without a closing full stop, at most 200 characters. Vendors' validators quote the
 * value they refused, so null when the digits of `withheld` still show through whatever
 * separators were put between them, when a part of it of four or more digits is quoted (the
 * individual number, the birth date), or when nothing is left.
 */
export function vendorExplanation(text: string, withheld: string): string | null {
  // Redacted before it is cut, so a cut cannot shorten a number below what redact recognises.
  const cleaned = redact(text)
    .replace(controlsAndSpace, ' ')
    .replace(/[\s.]+$/, '')
    .trim();
  if (cleaned === '' || (withheld !== '' && (cleaned.replace(/\D/g, '').includes(withheld) || quotesPartOf(cleaned, withheld)))) return null;
  return cleaned.length > maxExplanationLength ? `${cleaned.slice(0, maxExplanationLength - 1)}…` : cleaned;
}

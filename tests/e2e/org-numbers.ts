// Valid, random organization numbers for test data (the app checks the national check digits).

function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    let value = Number(digits[index]) * (index % 2 === 0 ? 2 : 1);
    if (value > 9) value -= 9;
    sum += value;
  }
  return (10 - (sum % 10)) % 10;
}

const randomDigits = (count: number) =>
  Array.from({ length: count }, () => Math.floor(Math.random() * 10)).join("");

/** A Swedish organization number NNNNNN-NNNN of a legal person (third digit 2 or higher). */
export function swedishOrganizationNumber(): string {
  const base = `55${2 + Math.floor(Math.random() * 8)}${randomDigits(6)}`;
  const full = `${base}${luhnCheckDigit(base)}`;
  return `${full.slice(0, 6)}-${full.slice(6)}`;
}

/** The same number with a wrong check digit. */
export function withWrongCheckDigit(number: string): string {
  const last = Number(number.at(-1));
  return `${number.slice(0, -1)}${(last + 1) % 10}`;
}

/** A Norwegian organization number NNN NNN NNN (mod 11, starting with 9). */
export function norwegianOrganizationNumber(): string {
  const weights = [3, 2, 7, 6, 5, 4, 3, 2];
  for (;;) {
    const base = `9${randomDigits(7)}`;
    const sum = [...base].reduce(
      (total, digit, index) => total + Number(digit) * weights[index]!,
      0,
    );
    const check = 11 - (sum % 11);
    if (check === 10) continue;
    const full = `${base}${check === 11 ? 0 : check}`;
    return `${full.slice(0, 3)} ${full.slice(3, 6)} ${full.slice(6)}`;
  }
}

/**
 * The admin password a new server gets when the request names none, as nova's
 * `utils.generate_password`: 12 characters with at least one digit, one upper-case and one
 * lower-case letter, leaving out look-alikes (0, 1, I, O, l).
 */
import { randomInt } from 'node:crypto';

const SYMBOL_GROUPS = ['23456789', 'ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz'];
const ALL_SYMBOLS = SYMBOL_GROUPS.join('');

/** nova's default password length. */
export const PASSWORD_LENGTH = 12;

function pick(symbols: string): string {
  return symbols[randomInt(symbols.length)]!;
}

/** A fresh random password from a cryptographic source. */
export function generatePassword(length = PASSWORD_LENGTH): string {
  const chars = SYMBOL_GROUPS.map(pick);
  while (chars.length < length) chars.push(pick(ALL_SYMBOLS));
  // Shuffle so the guaranteed symbols do not always lead (Fisher-Yates).
  for (let index = chars.length - 1; index > 0; index -= 1) {
    const other = randomInt(index + 1);
    [chars[index], chars[other]] = [chars[other]!, chars[index]!];
  }
  return chars.join('');
}

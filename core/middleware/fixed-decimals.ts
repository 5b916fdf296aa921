/**
 * `Number.prototype.toFixed`'s text, cheaper for what a log line prints: a number of
 * seconds, small and not negative. V8's `toFixed` converts through exact decimal
 * arithmetic (about 60-130 ns a call); here the number is scaled and rounded in floating
 * point (about 15-50 ns), and handed to `toFixed` whenever that could round otherwise.
 */

// Exact powers of ten, and zeros to pad a fraction, for 0 to 9 decimals.
const SCALE = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];
const ZEROS = ['', '0', '00', '000', '0000', '00000', '000000', '0000000', '00000000'];

// Below 2 ** 31 the scaled number is within 2 ** -22 of the exact product, so one further
// than 1e-6 from a half rounds as the exact product does; nearer ones go to toFixed.
const EXACT_BELOW = 2 ** 31;
const NEAR_HALF = 1e-6;

/** `value.toFixed(digits)`, the same text for every number and 0 to 100 digits. */
export function fixedDecimals(value: number, digits: number): string {
  const scale = SCALE[digits];
  if (scale === undefined || digits === 0) return value.toFixed(digits);
  const scaled = value * scale;
  if (!(scaled >= 0 && scaled < EXACT_BELOW)) return value.toFixed(digits);
  const below = Math.floor(scaled);
  const rest = scaled - below;
  if (rest > 0.5 - NEAR_HALF && rest < 0.5 + NEAR_HALF) return value.toFixed(digits);
  const rounded = rest < 0.5 ? below : below + 1;
  const whole = Math.floor(rounded / scale);
  const fraction = String(rounded - whole * scale);
  return `${whole}.${ZEROS[digits - fraction.length]}${fraction}`;
}

// Escaping and number formats for the HTML reports. Everything from input (names, descriptions, reasons) goes
// through escapeHtml; numbers are formatted here, never by the locale (toLocaleString would change the bytes).
import { yuan } from '../settlementMoney.js';

export function escapeHtml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Yuan from fen with thousands separators: 1234567 → "12,345.67". */
export function money(fen: number): string {
  const plain = yuan(fen);
  const negative = plain.startsWith('-');
  const [whole, cents] = (negative ? plain.slice(1) : plain).split('.') as [string, string];
  return `${negative ? '-' : ''}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

/** A signed change as an accountant reads it: "+8,465.60", "−8,465.60" (a minus sign, never parentheses). */
export function signedMoney(fen: number): string {
  return fen > 0 ? `+${money(fen)}` : fen < 0 ? `−${money(-fen)}` : money(0);
}

/** JSON that is safe inside a <script> element: no "</script>", no "<!--". */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** Yuan as a chart number (charts draw floats; the tables carry the exact amounts). */
export function chartYuan(fen: number): number {
  return Number(yuan(fen));
}

/** 13812345678 → 138****5678; short numbers keep only their last two digits. */
export function maskPhone(phone: string | null): string | null {
  if (phone === null) return null;
  const digits = phone.replace(/\D/g, '');
  if (digits.length >= 7) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  return `****${digits.slice(-2)}`;
}

/** 张三丰 → 张**; Wang Fang → W********. */
export function maskName(name: string | null): string | null {
  if (name === null) return null;
  const chars = [...name];
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

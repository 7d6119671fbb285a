/** 13812341234 → 138****1234; anything shorter keeps only its last two digits. */
export function maskPhone(phone: string): string {
  if (phone.length >= 11) return `${phone.slice(0, 3)}****${phone.slice(-4)}`
  return `${'*'.repeat(Math.max(phone.length - 2, 0))}${phone.slice(-2)}`
}

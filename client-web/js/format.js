// Money arrives as strings of yuan with two decimals ("186164.00"); it is grouped as text, never
// parsed into a binary float, so what is shown is exactly what the silo computed.

export function yuan(text) {
  if (text == null) return '';
  const negative = text.startsWith('-');
  const [whole, fraction = '00'] = (negative ? text.slice(1) : text).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}.${fraction.padEnd(2, '0')}`;
}

export function escapeHtml(value) {
  return String(value ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

export const roundingUnits = { fen: '分', jiao: '角', yuan: '元', ten_yuan: '十元' };
export const planStatus = { draft: '草稿', published: '公示中', approved: '已批准' };

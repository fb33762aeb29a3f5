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

// Shares arrive as strings ("846.2"); they are shown as sent.
export const managementLabels = { static: '静态管理（生不增、死不减）', dynamic: '动态管理（定期调整）' };
export const recordDateRules = { setInPlan: '在每年分配方案中确定', dayBeforeMeeting: '分红大会前一日', yearEnd: '当年12月31日' };
export const endedReasons = {
  death: '死亡', nationality: '丧失中国国籍', otherOrganisation: '取得其他集体经济组织成员身份',
  civilServant: '成为公务员', voluntaryExit: '书面自愿退出', charter: '章程规定的其他情形',
};
export const today = () => new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10); // China time

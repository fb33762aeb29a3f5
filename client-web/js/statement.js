// The statement 收益及收益分配表 as a table, shared by the books page and the public notice.
import { escapeHtml, yuan } from './format.js';

export function statementTable(s) {
  const row = (label, amount, cls = '') => `<tr class="${cls}"><td>${label}</td><td class="num">${yuan(amount)}</td></tr>`;
  const d = s.distribution;
  return `
    <table class="grid statement" id="statement-table">
      <thead><tr><th>项目</th><th class="num">金额（元）</th></tr></thead>
      <tbody>
        ${s.lines.filter(l => l.isIncome).map(l => row(`${escapeHtml(l.name)}`, l.amount)).join('')}
        ${row('收入合计', s.totalIncome, 'subtotal')}
        ${s.lines.filter(l => !l.isIncome).map(l => row(`减：${escapeHtml(l.name)}`, l.amount)).join('')}
        ${row('支出合计', s.totalCost, 'subtotal')}
        ${row('本年收益', s.netIncome, 'total')}
        ${row(`加：年初未分配收益${s.openingCarried ? '（上年结转）' : ''}`, s.openingUndistributed)}
        ${row('加：其他转入', s.otherTransfersIn)}
        ${row('可分配收益', s.distributable, 'total')}
        ${d ? `
          ${row('减：提取公积公益金', d.reserve)}
          ${row('减：提取应付福利费', d.welfareFund)}
          ${row('减：外来投资分利', d.outsideInvestors)}
          ${row('减：成员分配', d.membersPool)}
          ${row('减：其他', d.other)}
          ${d.runResidue != null ? row('加：分红尾差转回', d.runResidue) : ''}
          ${d.unclaimedReturned && d.unclaimedReturned !== '0.00' ? row('加：逾期未领分红转回', d.unclaimedReturned) : ''}` : ''}
        ${row('年末未分配收益', s.closingUndistributed, 'total')}
      </tbody>
    </table>`;
}

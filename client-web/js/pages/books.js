import { api } from '../api.js';
import { escapeHtml, yuan } from '../format.js';
import { session } from '../session.js';
import { statementTable } from '../statement.js';

const categories = [
  ['operating_income', '经营收入'], ['contracting_income', '发包及上交收入'], ['investment_income', '投资收益'], ['subsidy_income', '补助收入'],
  ['other_income', '其他收入'], ['operating_cost', '经营支出'], ['management_cost', '管理费用'], ['other_cost', '其他支出'],
];

export async function booksPage(root, year) {
  const base = `/api/villages/${session.villageId}/years/${year}`;
  const [statement, entries] = await Promise.all([api(`${base}/statement`), api(`${base}/entries`)]);
  root.innerHTML = `
    <div class="toolbar no-print">
      <a class="button" href="#/books/${year - 1}">← ${year - 1}</a>
      <h1>${year} 年度账目 <small>Books</small></h1>
      <a class="button" href="#/books/${year + 1}">${year + 1} →</a>
      <button id="books-print">打印</button>
      <a id="books-export" class="button" href="${base}/books.xlsx" download>导出 Excel</a>
    </div>
    <div class="two-columns">
      <section>
        <h2>收益及收益分配表</h2>
        ${statementTable(statement)}
        <p class="muted">章程规定公积公益金最低提取比例 ${statement.minimumReservePercent}%</p>
        <form id="year-form" class="card no-print">
          <label>年初未分配收益（元）<input name="openingUndistributed" inputmode="decimal" value="${statement.openingCarried ? '' : statement.openingUndistributed}"
            placeholder="留空则自动结转上年年末未分配收益 ${yuan(statement.openingUndistributed)}"></label>
          <label>其他转入（元）<input name="otherTransfersIn" inputmode="decimal" value="${statement.otherTransfersIn}"></label>
          <p id="year-error" class="error" role="alert"></p>
          <button type="submit">保存</button>
        </form>
      </section>
      <section class="no-print">
        <h2>记一笔 <small>New entry</small></h2>
        <form id="entry-form" class="card">
          <label>日期<input name="date" type="date" required min="${year}-01-01" max="${year}-12-31"></label>
          <label>科目<select name="category">${categories.map(([c, n]) => `<option value="${c}">${n}</option>`).join('')}</select></label>
          <label>往来单位<input name="counterparty"></label>
          <label>凭证号<input name="documentNumber"></label>
          <label>金额（元）<input name="amount" inputmode="decimal" required pattern="\\d+(\\.\\d{1,2})?"></label>
          <p id="entry-error" class="error" role="alert"></p>
          <button class="primary" type="submit">记账</button>
        </form>
      </section>
    </div>
    <h2>分录 <small>Entries</small></h2>
    <table class="grid" id="entries-table">
      <thead><tr><th>编号</th><th>日期</th><th>科目</th><th>往来单位</th><th>凭证号</th><th class="num">金额（元）</th><th>说明</th><th class="no-print"></th></tr></thead>
      <tbody>${entries.map(e => `
        <tr data-entry="${e.id}" class="${e.reversedById || e.reversesId ? 'reversed' : ''}">
          <td>${e.id}</td><td>${escapeHtml(e.date)}</td><td>${escapeHtml(e.categoryName)}</td><td>${escapeHtml(e.counterparty)}</td>
          <td>${escapeHtml(e.documentNumber)}</td><td class="num">${yuan(e.amount)}</td>
          <td>${e.reversesId ? `冲销第 ${e.reversesId} 号：${escapeHtml(e.reason)}` : e.reversedById ? `已被第 ${e.reversedById} 号冲销` : ''}
            ${e.settlementId ? `<a class="settlement-link" href="#/partnerships/${e.partnershipId}/statement/${e.settlementId}">联营结算单</a>` : ''}</td>
          <td class="no-print">${e.reversesId || e.reversedById || e.settlementId ? '' : `<button class="reverse" data-entry="${e.id}">冲销</button>`}</td></tr>`).join('')}
      </tbody>
    </table>`;
  root.querySelector('#books-print').addEventListener('click', () => window.print());
  const yearForm = root.querySelector('#year-form');
  yearForm.addEventListener('submit', async event => {
    event.preventDefault();
    const data = Object.fromEntries([...new FormData(yearForm)].filter(([, v]) => v !== ''));
    try {
      await api(base, { method: 'PUT', body: data });
      await booksPage(root, year);
    } catch (e) {
      root.querySelector('#year-error').textContent = e.message;
    }
  });
  const form = root.querySelector('#entry-form');
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(form));
    try {
      await api(`${base}/entries`, { method: 'POST', body: data });
      await booksPage(root, year);
    } catch (e) {
      root.querySelector('#entry-error').textContent = e.message;
    }
  });
  root.querySelectorAll('button.reverse').forEach(button => button.addEventListener('click', async () => {
    const reason = prompt('冲销原因（必填） Reason for the reversal');
    if (!reason) return;
    try {
      await api(`${base}/entries/${button.dataset.entry}/reverse`, { method: 'POST', body: { reason } });
      await booksPage(root, year);
    } catch (e) {
      alert(e.message);
    }
  }));
}

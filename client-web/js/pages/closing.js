// Closing the meeting (结账): the accountant enters the cash issued to each table, closes (pending lines are deferred
// with a reason, each table's cash is counted), prints the closing report on A4, and may reopen with a reason.
import { api, ApiError } from '../api.js';
import { escapeHtml, yuan } from '../format.js';
import { session } from '../session.js';
import { meetingLabels, meetingUrl, statusLabels } from '../dividendDay.js';

const eventLabels = { open: '开始', close: '结束', reopen: '重新开启' };

function reportHtml(village, run, report) {
  const b = report.board;
  return `
    <section class="closing-report">
      <h1>${escapeHtml(village.name)} ${run.year} 年度股份分红发放结账报告 ${village.isDemo ? '<span class="badge">演示数据</span>' : ''}</h1>
      <p class="meta">大会日期 ${escapeHtml(report.meeting.meetingDate)} · 状态 <strong id="closing-status">${meetingLabels[report.meeting.status]}</strong>
        · 第 ${report.meeting.closings} 次结账 · 每股 ${yuan(run.perShareRate)} 元</p>
      <table class="grid">
        <thead><tr><th>发放方式</th><th class="num">户数</th><th class="num">金额（元）</th><th>大写金额</th></tr></thead>
        <tbody>${b.byStatus.map(s => `<tr><td>${statusLabels[s.status]}</td><td class="num">${s.households}</td><td class="num">${yuan(s.amount)}</td>
          <td class="words">${escapeHtml(s.amountInWords)}</td></tr>`).join('')}</tbody>
        <tfoot>
          <tr><td>已发放合计</td><td class="num">${b.householdsPaid}</td><td class="num" id="closing-paid">${yuan(b.amountPaid)}</td><td class="words">${escapeHtml(b.amountPaidInWords)}</td></tr>
          <tr><td>应发合计</td><td class="num">${b.householdsTotal}</td><td class="num">${yuan(b.amountTotal)}</td><td class="words">${escapeHtml(run.totalPaidInWords)}</td></tr>
        </tfoot>
      </table>
      <h2>现金核对</h2>
      <table class="grid" id="cash-counts">
        <thead><tr><th>桌号</th><th class="num">领用现金（元）</th><th class="num">实发现金（元）</th><th class="num">笔数</th><th class="num">差额（元）</th><th>差额大写</th></tr></thead>
        <tbody>${report.cashCounts.map(c => `<tr><td>${c.tableNo}</td><td class="num">${yuan(c.cashIssued)}</td><td class="num">${yuan(c.cashPaid)}</td>
          <td class="num">${c.linesPaid}</td><td class="num">${yuan(c.difference)}</td><td class="words">${escapeHtml(c.differenceInWords)}</td></tr>`).join('')}</tbody>
        <tfoot><tr><td>合计</td><td class="num">${yuan(report.cashIssuedTotal)}</td><td class="num">${yuan(report.cashPaidTotal)}</td><td></td>
          <td class="num" id="cash-difference">${yuan(report.differenceTotal)}</td><td class="words">实发现金 ${escapeHtml(report.cashPaidTotalInWords)}</td></tr></tfoot>
      </table>
      <p class="muted">差额 = 领用现金 − 实发现金（本户领取与代领）；正数应退回，负数为短缺。</p>
      <h2>大会记录</h2>
      <ul class="journal">${report.meeting.events.map(e => `<li>${new Date(e.at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })} ${eventLabels[e.kind]} · ${escapeHtml(e.actor)}${e.reason ? ` · ${escapeHtml(e.reason)}` : ''}</li>`).join('')}</ul>
      <p class="signatures">会计：__________　　出纳：__________　　监事会：__________　　日期：__________</p>
    </section>`;
}

export async function closingPage(root, runId) {
  const url = meetingUrl(runId);
  const [village, run] = await Promise.all([api(`/api/villages/${session.villageId}`), api(`/api/villages/${session.villageId}/dividend-runs/${runId}`)]);
  let report;
  try {
    report = await api(`${url}/report`);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) {
      root.innerHTML = `<p class="muted">分红大会尚未开始。<a href="#/runs/${runId}/meeting">去发放现场</a></p>`;
      return;
    }
    throw e;
  }
  const isAccountant = session.me.role === 'accountant';
  const status = report.meeting.status;
  root.innerHTML = `
    <div class="no-print">
      ${isAccountant && status === 'open' ? `
        <form id="close-form" class="card">
          <h2>结束分红大会</h2>
          <table class="grid" id="cash-issued"><thead><tr><th>桌号</th><th>领用现金（元）</th></tr></thead><tbody></tbody></table>
          <p><button type="button" id="add-table">添加一桌</button></p>
          <label>未领取户暂缓发放的原因<input name="reason" value="本人未到场，暂缓发放"></label>
          <button class="primary big" id="close-meeting">结束大会并核对现金</button>
          <p class="error" role="alert" id="close-error"></p>
        </form>` : ''}
      ${isAccountant && status === 'closed' ? `
        <form id="reopen-form" class="card">
          <label>重新开启的原因（必填）<input name="reason"></label>
          <button class="big" id="reopen-meeting">重新开启大会</button>
          <p class="error" role="alert" id="reopen-error"></p>
        </form>` : ''}
      <div class="toolbar"><button id="report-print" class="primary">打印结账报告（A4）</button><a class="button" href="#/runs/${runId}/meeting">发放现场</a>
        <a class="button" href="${url}/bank-batch.csv" download>银行批量文件（CSV）</a></div>
    </div>
    ${reportHtml(village, run, report)}`;

  root.querySelector('#report-print').addEventListener('click', () => window.print());
  const tables = root.querySelector('#cash-issued tbody');
  const addTable = () => {
    const n = tables.children.length + 1;
    tables.insertAdjacentHTML('beforeend', `<tr><td><input name="tableNo" type="number" min="1" value="${n}" inputmode="numeric"></td>
      <td><input name="cashIssued" inputmode="decimal" value="0.00"></td></tr>`);
  };
  if (tables) {
    for (const c of report.cashCounts.length ? report.cashCounts : [{}]) addTable(c);
    root.querySelector('#add-table').addEventListener('click', addTable);
    root.querySelector('#close-form').addEventListener('submit', async e => {
      e.preventDefault();
      const form = e.target;
      const rows = [...tables.querySelectorAll('tr')].map(tr => ({
        tableNo: Number(tr.querySelector('[name="tableNo"]').value),
        // Sent as the text typed: the silo reads it straight into decimal yuan.
        cashIssued: tr.querySelector('[name="cashIssued"]').value.trim(),
      }));
      try {
        await api(`${url}/close`, { method: 'POST', body: { reason: form.reason.value, tables: rows } });
        await closingPage(root, runId);
      } catch (err) {
        root.querySelector('#close-error').textContent = err.message;
      }
    });
  }
  root.querySelector('#reopen-form')?.addEventListener('submit', async e => {
    e.preventDefault();
    try {
      await api(`${url}/reopen`, { method: 'POST', body: { reason: e.target.reason.value } });
      await closingPage(root, runId);
    } catch (err) {
      root.querySelector('#reopen-error').textContent = err.message;
    }
  });
}

import { api, newIdempotencyKey } from '../api.js';
import { escapeHtml, yuan, roundingUnits, planStatus } from '../format.js';
import { session } from '../session.js';

const base = () => `/api/villages/${session.me.villageId}`;

function rateText(p) {
  return p.rateMode === 'fixed'
    ? `每股 ${yuan(p.perShareRate)} 元（成员大会确定）`
    : `按成员分配额 ÷ 总股数，向下取整到${roundingUnits[p.roundingUnit] ?? p.roundingUnit}`;
}

export async function plansPage(root) {
  const plans = await api(`${base()}/plans`);
  root.innerHTML = `
    <h1>收益分配方案 <small>Distribution plans</small></h1>
    <table class="grid" id="plans-table">
      <thead><tr><th>年度</th><th>版本</th><th>状态</th><th class="num">成员分配额（元）</th><th>每股分红</th><th>股权登记日</th><th>分红大会</th></tr></thead>
      <tbody>${plans.map(p => `
        <tr><td><a href="#/plans/${p.id}">${p.year} 年度</a></td><td>第 ${p.version} 版</td><td>${planStatus[p.status] ?? p.status}</td>
        <td class="num">${yuan(p.membersPool)}</td><td>${escapeHtml(rateText(p))}</td><td>${escapeHtml(p.recordDate)}</td><td>${escapeHtml(p.meetingDate)}</td></tr>`).join('')}
      </tbody>
    </table>
    ${plans.length ? '' : '<p class="muted">还没有分配方案。</p>'}`;
}

export async function planPage(root, planId) {
  const [p, runs] = await Promise.all([api(`${base()}/plans/${planId}`), api(`${base()}/dividend-runs`)]);
  const run = runs.find(r => r.planId === p.id);
  const preview = p.preview;
  root.innerHTML = `
    <p class="no-print"><a href="#/plans">← 分配方案</a></p>
    <h1>${p.year} 年度收益分配方案 · 第 ${p.version} 版 <span class="badge">${planStatus[p.status] ?? p.status}</span></h1>
    <dl class="facts">
      <dt>成员分配额 Members' pool</dt><dd id="plan-pool">${yuan(p.membersPool)} 元 <small>${escapeHtml(p.membersPoolInWords)}</small></dd>
      <dt>每股分红 Per-share rate</dt><dd id="plan-rate">${escapeHtml(rateText(p))}</dd>
      <dt>股权登记日 Record date</dt><dd>${escapeHtml(p.recordDate)}</dd>
      <dt>分红大会 Meeting</dt><dd>${escapeHtml(p.meetingDate)}</dd>
      <dt>批准日期 Approved</dt><dd>${escapeHtml(p.approvedOn ?? '—')}</dd>
      <dt>说明 Note</dt><dd>${escapeHtml(p.note)}</dd>
    </dl>
    <h2>按登记日股权测算 <small>Preview on the record date</small></h2>
    ${preview?.problem ? `<p class="error">${escapeHtml(preview.problem)}</p>` : `
      <dl class="facts">
        <dt>每股分红</dt><dd id="preview-rate">${yuan(preview.perShareRate)} 元</dd>
        <dt>发放户数</dt><dd>${preview.households} 户</dd>
        <dt>发放合计</dt><dd id="preview-total">${yuan(preview.totalPaid)} 元</dd>
        <dt>尾差（转入未分配收益）</dt><dd>${yuan(preview.residue)} 元</dd>
      </dl>`}
    <p class="actions no-print">
      ${run ? `<a class="button primary" id="open-run" href="#/runs/${run.id}">查看发放清单</a>`
            : p.status === 'approved' ? '<button class="primary" id="start-run">运行分红 Run the dividend</button>'
            : '<span class="muted">方案经成员大会批准后才能分红。</span>'}
    </p>
    <p id="run-error" class="error" role="alert"></p>`;
  const start = root.querySelector('#start-run');
  if (start) {
    const key = newIdempotencyKey(); // one key for this page: a double click or a retry starts one run
    start.addEventListener('click', async () => {
      start.disabled = true;
      try {
        const created = await api(`${base()}/dividend-runs`, {
          method: 'POST', body: { year: p.year, planVersion: p.version }, headers: { 'Idempotency-Key': key },
        });
        location.hash = `#/runs/${created.id}`;
      } catch (e) {
        root.querySelector('#run-error').textContent = e.message;
        start.disabled = false;
      }
    });
  }
}

import { api } from '../api.js';
import { escapeHtml, yuan, roundingUnits, planStatus } from '../format.js';
import { session } from '../session.js';
import { publishForm, decisionForm, runButton } from './plan-steps.js';

const base = () => `/api/villages/${session.villageId}`;

export function rateText(p) {
  return p.rateMode === 'fixed'
    ? `每股 ${yuan(p.perShareRate)} 元（成员大会确定）`
    : `按成员分配额 ÷ 总股数，向下取整到${roundingUnits[p.roundingUnit] ?? p.roundingUnit}`;
}

function reserveText(p) {
  return p.reservePercent != null ? `可分配收益的 ${p.reservePercent}%` : `${yuan(p.reserveAmount)} 元`;
}

export async function plansPage(root) {
  const plans = await api(`${base()}/plans`);
  root.innerHTML = `
    <div class="toolbar"><h1>收益分配方案 <small>Distribution plans</small></h1>
      <a class="button primary no-print" href="#/plans/new">新建方案</a>
      <button id="compare" class="no-print" disabled>对比所选方案</button></div>
    <table class="grid" id="plans-table">
      <thead><tr><th class="no-print">对比</th><th>年度</th><th>版本</th><th>状态</th><th class="num">成员分配额（元）</th><th>每股分红</th><th>股权登记日</th><th>分红大会</th></tr></thead>
      <tbody>${plans.map(p => `
        <tr><td class="no-print"><input type="checkbox" class="pick" value="${p.id}" aria-label="对比第 ${p.version} 版"></td>
        <td><a href="#/plans/${p.id}">${p.year} 年度</a></td><td>第 ${p.version} 版</td><td>${planStatus[p.status] ?? p.status}</td>
        <td class="num">${yuan(p.membersPool)}</td><td>${escapeHtml(rateText(p))}</td><td>${escapeHtml(p.recordDate)}</td><td>${escapeHtml(p.meetingDate)}</td></tr>`).join('')}
      </tbody>
    </table>
    ${plans.length ? '' : '<p class="muted">还没有分配方案。</p>'}`;
  const compare = root.querySelector('#compare');
  const picked = () => [...root.querySelectorAll('.pick:checked')].map(c => Number(c.value)).sort((a, b) => a - b);
  root.querySelectorAll('.pick').forEach(c => c.addEventListener('change', () => { compare.disabled = picked().length < 2; }));
  compare.addEventListener('click', () => { location.hash = `#/compare/${picked().join(',')}`; });
}

export async function newPlanPage(root) {
  const year = new Date().getFullYear() - 1;
  root.innerHTML = `
    <p class="no-print"><a href="#/plans">← 分配方案</a></p>
    <h1>新建收益分配方案 <small>New draft</small></h1>
    <form id="plan-form" class="card form-grid">
      <label>年度<input name="year" type="number" value="${year}" required></label>
      <label>成员分配额（元）<input name="membersPool" inputmode="decimal" required></label>
      <label>公积公益金提取比例（%）<input name="reservePercent" inputmode="decimal" placeholder="留空则按章程最低比例"></label>
      <label>提取应付福利费（元）<input name="welfareFund" inputmode="decimal" value="0"></label>
      <label>外来投资分利（元）<input name="outsideInvestors" inputmode="decimal" value="0"></label>
      <label>其他（元）<input name="otherDistribution" inputmode="decimal" value="0"></label>
      <label>每股分红方式<select name="rateMode"><option value="derived">按分配额测算，向下取整</option><option value="fixed">成员大会确定每股金额</option></select></label>
      <label>取整单位<select name="roundingUnit"><option value="yuan">元</option><option value="ten_yuan">十元</option><option value="jiao">角</option><option value="fen">分</option></select></label>
      <label>每股金额（元）<input name="perShareRate" inputmode="decimal"></label>
      <label>股权登记日 <small>章程规定为大会前一日或年末时可留空</small><input name="recordDate" type="date" value="${year}-11-30"></label>
      <label>分红大会日期<input name="meetingDate" type="date" value="${year}-12-01" required></label>
      <label class="wide">说明<input name="note"></label>
      <p id="plan-error" class="error wide" role="alert"></p>
      <button class="primary" type="submit">保存草稿</button>
    </form>`;
  const form = root.querySelector('#plan-form');
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const data = Object.fromEntries([...new FormData(form)].filter(([, v]) => v !== ''));
    if (data.rateMode === 'derived') delete data.perShareRate; else delete data.roundingUnit;
    try {
      const created = await api(`${base()}/plans`, { method: 'POST', body: data });
      location.hash = `#/plans/${created.id}`;
    } catch (e) {
      root.querySelector('#plan-error').textContent = e.message;
      if (e.field) form.querySelector(`[name="${e.field}"]`)?.focus();
    }
  });
}

export function distributionFacts(p) {
  const d = p.distribution;
  return `
    <dl class="facts">
      <dt>公积公益金</dt><dd class="reserve">${reserveText(p)}${d ? `：${yuan(d.reserve)} 元` : ''}</dd>
      <dt>应付福利费</dt><dd>${yuan(p.welfareFund)} 元</dd>
      <dt>外来投资分利</dt><dd>${yuan(p.outsideInvestors)} 元</dd>
      <dt>成员分配额</dt><dd class="pool">${yuan(p.membersPool)} 元 <small>${escapeHtml(p.membersPoolInWords)}</small></dd>
      <dt>其他</dt><dd>${yuan(p.otherDistribution)} 元</dd>
      ${d ? `<dt>年末未分配收益</dt><dd>${yuan(d.closingUndistributed)} 元</dd>` : ''}
      <dt>每股分红</dt><dd>${escapeHtml(rateText(p))}</dd>
      <dt>股权登记日</dt><dd>${escapeHtml(p.recordDate)}</dd>
      <dt>分红大会</dt><dd>${escapeHtml(p.meetingDate)}</dd>
    </dl>`;
}

export function previewFacts(preview) {
  if (!preview || preview.problem) return `<p class="error">${escapeHtml(preview?.problem ?? '')}</p>`;
  return `
    <dl class="facts">
      <dt>每股分红</dt><dd id="preview-rate">${yuan(preview.perShareRate)} 元</dd>
      <dt>发放户数 / 人数</dt><dd>${preview.households} 户 / ${preview.members} 人</dd>
      <dt>发放合计</dt><dd id="preview-total">${yuan(preview.totalPaid)} 元</dd>
      <dt>户均 / 人均</dt><dd>${yuan(preview.perHousehold)} 元 / ${yuan(preview.perMember)} 元</dd>
      <dt>尾差（转入未分配收益）</dt><dd>${yuan(preview.residue)} 元</dd>
    </dl>`;
}

export async function planPage(root, planId) {
  const [p, runs] = await Promise.all([api(`${base()}/plans/${planId}`), api(`${base()}/dividend-runs`)]);
  const run = runs.find(r => r.planId === p.id);
  root.innerHTML = `
    <p class="no-print"><a href="#/plans">← 分配方案</a></p>
    <h1>${p.year} 年度收益分配方案 · 第 ${p.version} 版 <span class="badge" id="plan-status">${planStatus[p.status] ?? p.status}</span></h1>
    ${p.problem ? `<p class="error" role="alert">${escapeHtml(p.problem)}</p>` : ''}
    <div class="two-columns">
      <section><h2>分配方案</h2>${distributionFacts(p)}<p class="muted">${escapeHtml(p.note)}</p></section>
      <section><h2>按登记日股权测算 <small>Preview</small></h2>${previewFacts(p.preview)}</section>
    </div>
    <section id="plan-steps" class="no-print"></section>`;
  const steps = root.querySelector('#plan-steps');
  if (p.noticeUrl) {
    steps.insertAdjacentHTML('beforeend', `<p>公示：${escapeHtml(p.noticePublishedOn)} 起 · <a id="notice-link" href="${escapeHtml(p.noticeUrl)}" target="_blank">公示页（无需登录）</a></p>`);
  }
  if (p.decision) {
    const d = p.decision;
    steps.insertAdjacentHTML('beforeend', `<p id="decision">${d.kind === 'members' ? '成员大会' : '成员代表大会'} ${escapeHtml(d.date)}：应到 ${d.eligible}，实到 ${d.present}，赞成 ${d.votesFor}，反对 ${d.votesAgainst}，弃权 ${d.abstaining}</p>`);
  }
  const reload = () => planPage(root, planId);
  if (p.status === 'draft') publishForm(steps, p, reload);
  if (p.status === 'published') decisionForm(steps, p, reload);
  if (p.status === 'approved') runButton(steps, p, run);
}

export async function comparePage(root, ids) {
  const plans = await api(`${base()}/plans/compare?${ids.map(id => `ids=${id}`).join('&')}`);
  const cell = (f) => plans.map(p => `<td class="num">${f(p)}</td>`).join('');
  root.innerHTML = `
    <p class="no-print"><a href="#/plans">← 分配方案</a></p>
    <h1>方案对比 <small>What-if</small></h1>
    <table class="grid" id="compare-table">
      <thead><tr><th></th>${plans.map(p => `<th class="num"><a href="#/plans/${p.id}">${p.year} 第 ${p.version} 版</a> ${planStatus[p.status] ?? ''}</th>`).join('')}</tr></thead>
      <tbody>
        <tr><td>公积公益金</td>${cell(p => yuan(p.distribution?.reserve))}</tr>
        <tr><td>成员分配额</td>${cell(p => yuan(p.membersPool))}</tr>
        <tr><td>每股分红</td>${cell(p => yuan(p.preview?.perShareRate))}</tr>
        <tr><td>发放合计</td>${cell(p => yuan(p.preview?.totalPaid))}</tr>
        <tr><td>尾差</td>${cell(p => yuan(p.preview?.residue))}</tr>
        <tr><td>人均</td>${cell(p => yuan(p.preview?.perMember))}</tr>
        <tr><td>户均</td>${cell(p => yuan(p.preview?.perHousehold))}</tr>
        <tr><td>年末未分配收益</td>${cell(p => yuan(p.distribution?.closingUndistributed))}</tr>
        <tr><td>问题</td>${plans.map(p => `<td class="error">${escapeHtml(p.problem ?? '')}</td>`).join('')}</tr>
      </tbody>
    </table>`;
}

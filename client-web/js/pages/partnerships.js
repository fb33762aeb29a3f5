// 联营项目: village–enterprise partnerships and pooled enclave projects. The county administrator keeps them (enterprises,
// contracts, yearly settlements, payments received); a party village reads its own. Money arrives as strings of yuan.
import { api } from '../api.js';
import { escapeHtml, yuan } from '../format.js';
import { session } from '../session.js';

const modes = { fixed_rent: '固定租金', guarantee_plus_profit_share: '保底收益 + 盈余分红', greater_of: '保底收益与盈余分红取其高' };
const kinds = { land: '土地', assets: '资产', cash: '现金' };

const countyId = () => (session.me?.grants ?? []).find(g => g.role === 'county_admin')?.countyId;
const base = id => countyId() ? `/api/counties/${countyId()}/partnerships${id ? `/${id}` : ''}`
  : `/api/villages/${session.villageId}/partnerships${id ? `/${id}` : ''}`;

function overviewTable(rows, id, first) {
  const years = [...new Set(rows.flatMap(r => r.years.map(y => y.year)))].sort();
  return `<table class="grid" id="${id}"><thead><tr><th>${first}</th><th class="num">合同</th><th class="num">出资（元）</th><th class="num">本地就业</th>
    ${years.map(y => `<th class="num">${y} 保底/租金</th><th class="num">${y} 盈余分红</th><th class="num">${y} 应收</th>`).join('')}<th class="num">欠款</th></tr></thead>
    <tbody>${rows.map(r => `<tr><td>${escapeHtml(r.name)}${r.villageId ? ` <small class="muted">${escapeHtml(r.township)}</small>` : ''}</td>
      <td class="num">${r.contracts}</td><td class="num">${yuan(r.contribution)}</td><td class="num">${r.localJobs}</td>
      ${years.map(y => { const v = r.years.find(x => x.year === y); return v ? `<td class="num">${yuan(v.guarantee)}</td><td class="num">${yuan(v.profitShare)}</td><td class="num">${yuan(v.owed)}</td>` : '<td></td><td></td><td></td>'; }).join('')}
      <td class="num ${r.arrears !== '0.00' ? 'error' : ''}">${yuan(r.arrears)}</td></tr>`).join('')}</tbody></table>`;
}

function contractsTable(list) {
  return `<table class="grid" id="partnerships-table"><thead><tr><th>项目</th><th>企业</th><th>合同期</th><th>合作村</th><th>收益方式</th><th class="num">村出资（元）</th><th class="num">就业</th></tr></thead>
    <tbody>${list.map(p => `<tr><td><a href="#/partnerships/${p.id}">${escapeHtml(p.project)}</a></td><td>${escapeHtml(p.enterprise.name)}</td>
      <td>${p.termStart} 至 ${p.termEnd}</td><td>${p.parties.filter(x => x.villageId).map(x => escapeHtml(x.name)).join('、')}</td>
      <td>${escapeHtml(p.terms.text)}</td><td class="num">${yuan(p.villagesContribution)}</td><td class="num">${p.localJobs}</td></tr>`).join('')}</tbody></table>`;
}

/** The list: for the county administrator the county's overview, contracts and the forms; for a village its own contracts. */
export async function partnershipsPage(root) {
  if (!countyId()) {
    const mine = await api(base());
    root.innerHTML = `<h1>联营项目 <small>Enterprise partnerships</small></h1>
      ${mine.summary ? overviewTable([mine.summary], 'village-overview', '本村') : '<p class="muted">本村暂无联营项目。</p>'}
      <h2>合同</h2>${contractsTable(mine.partnerships)}`;
    return;
  }
  const [list, overview, enterprises, townships] = await Promise.all([api(base()), api(`${base()}/overview`), api(`/api/counties/${countyId()}/enterprises`),
    api(`/api/counties/${countyId()}/townships`)]);
  const villages = townships.flatMap(t => t.villages.map(v => ({ ...v, township: t.name })));
  const villageOptions = `${villages.map(v => `<option value="${v.id}">${escapeHtml(v.township)} · ${escapeHtml(v.name)}</option>`).join('')}<option value="">（企业自身出资）</option>`;
  const partyRow = i => `<fieldset class="party form-grid" data-index="${i}"><legend>合作方 ${i + 1}</legend>
      <label>村<select name="villageId">${villageOptions}</select></label>
      <label>入股日期<input name="joinedOn" type="date"></label>
      <label>出资方式<select name="kind">${Object.entries(kinds).map(([k, n]) => `<option value="${k}">${n}</option>`).join('')}</select></label>
      <label>亩数<input name="mu" inputmode="decimal"></label>
      <label>每亩作价（元）<input name="valuePerMu" inputmode="decimal"></label>
      <label>作价/金额（元）<input name="value" inputmode="decimal"></label></fieldset>`;
  root.innerHTML = `
    <h1>联营项目 <small>村企联营 · 飞地抱团</small></h1>
    <h2>按乡镇</h2>${overviewTable(overview.townships, 'township-overview', '乡镇')}
    <h2>按村</h2>${overviewTable(overview.villages, 'village-overview', '村')}
    <h2>合同</h2>${contractsTable(list)}
    <div class="two-columns no-print">
      <section>
        <h2>登记企业</h2>
        <form id="enterprise-form" class="card">
          <label>企业名称<input name="name" required></label>
          <label>统一社会信用代码<input name="creditCode" required maxlength="18"></label>
          <label>联系人及电话<input name="contact"></label>
          <p id="enterprise-error" class="error" role="alert"></p>
          <button type="submit">登记企业</button>
        </form>
        <ul>${enterprises.map(e => `<li>${escapeHtml(e.name)} <small class="muted">${escapeHtml(e.creditCode)}</small></li>`).join('')}</ul>
      </section>
      <section>
        <h2>新建合同 <small>New contract</small></h2>
        <form id="contract-form" class="card">
          <div class="form-grid">
            <label>企业<select name="enterpriseId">${enterprises.map(e => `<option value="${e.id}">${escapeHtml(e.name)}</option>`).join('')}</select></label>
            <label>项目名称<input name="project" required></label>
            <label>合同起始日<input name="termStart" type="date" required></label>
            <label>合同终止日<input name="termEnd" type="date" required></label>
            <label>每股作价（元）<input name="valuePerShare" inputmode="decimal" value="1.00"></label>
            <label>本地就业人数<input name="localJobs" inputmode="numeric" value="0"></label>
            <label>收益方式<select name="mode">${Object.entries(modes).map(([k, n]) => `<option value="${k}">${n}</option>`).join('')}</select></label>
            <label>固定租金（元/年）<input name="fixedRent" inputmode="decimal"></label>
            <label>保底金额（元/年）<input name="guaranteeAmount" inputmode="decimal"></label>
            <label>保底比例（村出资的%/年）<input name="guaranteePercent" inputmode="decimal"></label>
            <label>盈余分红比例（%）<input name="profitSharePercent" inputmode="decimal"></label>
            <label>付款计划（次年 月-日:比例）<input name="schedule" value="3-31:100"></label>
          </div>
          <div id="parties">${partyRow(0)}${partyRow(1)}</div>
          <button type="button" id="add-party">添加合作方</button>
          <p id="contract-error" class="error" role="alert"></p>
          <button class="primary" type="submit">保存合同</button>
        </form>
      </section>
    </div>`;
  // The second row starts as the enterprise's own stake.
  root.querySelector('.party[data-index="1"] select[name="villageId"]').value = '';
  let parties = 2;
  root.querySelector('#add-party').addEventListener('click', () => root.querySelector('#parties').insertAdjacentHTML('beforeend', partyRow(parties++)));
  const enterpriseForm = root.querySelector('#enterprise-form');
  enterpriseForm.addEventListener('submit', async event => {
    event.preventDefault();
    try {
      await api(`/api/counties/${countyId()}/enterprises`, { method: 'POST', body: Object.fromEntries(new FormData(enterpriseForm)) });
      await partnershipsPage(root);
    } catch (e) {
      root.querySelector('#enterprise-error').textContent = e.message;
    }
  });
  const contractForm = root.querySelector('#contract-form');
  contractForm.addEventListener('submit', async event => {
    event.preventDefault();
    const d = Object.fromEntries(new FormData(contractForm));
    const num = v => (v === '' || v == null ? null : Number(v));
    const body = {
      enterpriseId: num(d.enterpriseId), project: d.project, termStart: d.termStart, termEnd: d.termEnd, valuePerShare: num(d.valuePerShare), localJobs: num(d.localJobs),
      terms: { mode: d.mode, fixedRent: num(d.fixedRent), guaranteeAmount: num(d.guaranteeAmount), guaranteePercent: num(d.guaranteePercent), profitSharePercent: num(d.profitSharePercent) },
      schedule: d.schedule.split(/[,，]/).filter(Boolean).map(s => { const [md, percent] = s.split(':'); const [month, day] = md.split('-'); return { month: Number(month), day: Number(day), percent: Number(percent) }; }),
      parties: [...root.querySelectorAll('.party')].map(f => {
        const v = name => f.querySelector(`[name="${name}"]`).value;
        return { villageId: num(v('villageId')), joinedOn: v('joinedOn') || null, kind: v('kind'), mu: num(v('mu')), valuePerMu: num(v('valuePerMu')), value: num(v('value')) };
      }),
    };
    try {
      const created = await api(`/api/counties/${countyId()}/partnerships`, { method: 'POST', body });
      location.hash = `#/partnerships/${created.id}`;
    } catch (e) {
      root.querySelector('#contract-error').textContent = `${e.message}${e.field ? `（${e.field}）` : ''}`;
    }
  });
}

function settlementTable(s) {
  return `<table class="grid settlement-lines"><thead><tr><th>合作方</th><th class="num">天数</th><th class="num">股数</th><th class="num">折算股数</th>
    <th class="num">保底/租金</th><th class="num">盈余分红</th><th class="num">应付</th><th>计算</th><th class="num">已收</th><th class="num">欠款</th></tr></thead>
    <tbody>${s.lines.map(l => `<tr><td>${escapeHtml(l.name)}</td><td class="num">${l.days}</td><td class="num">${escapeHtml(l.shares)}</td><td class="num">${escapeHtml(l.dividendShares)}</td>
      <td class="num">${yuan(l.guarantee)}</td><td class="num">${yuan(l.profitShare)}</td><td class="num">${l.villageId ? yuan(l.owed) : '—'}</td><td>${escapeHtml(l.formula)}</td>
      <td class="num">${l.villageId ? yuan(l.paid) : ''}</td><td class="num ${l.arrears !== '0.00' ? 'error' : ''}">${l.villageId ? yuan(l.arrears) : ''}</td></tr>`).join('')}</tbody></table>`;
}

/** One contract: terms, the partnership's share register, settlements with their statements, payments; the administrator's forms. */
export async function partnershipPage(root, id) {
  const p = await api(base(id));
  const admin = Boolean(countyId());
  const standing = p.settlements.filter(s => !s.supersededBy);
  root.innerHTML = `
    <p class="no-print"><a href="#/partnerships">← 联营项目</a></p>
    <h1>${escapeHtml(p.project)} <small>${escapeHtml(p.enterprise.name)}</small></h1>
    <dl class="facts">
      <dt>统一社会信用代码</dt><dd>${escapeHtml(p.enterprise.creditCode)}</dd>
      <dt>合同期</dt><dd>${p.termStart} 至 ${p.termEnd}</dd>
      <dt>收益条款</dt><dd id="terms-text">${escapeHtml(p.terms.text)}</dd>
      <dt>付款计划</dt><dd>${escapeHtml(p.scheduleText)}</dd>
      <dt>本地就业</dt><dd>${p.localJobs} 人</dd>
    </dl>
    <h2>股权台账 <small>每股作价 ${yuan(p.valuePerShare)} 元，共 ${escapeHtml(p.totalShares)} 股</small></h2>
    <table class="grid" id="partnership-register"><thead><tr><th>股东</th><th>入股日期</th><th>出资</th><th class="num">作价（元）</th><th class="num">股数</th></tr></thead>
      <tbody>${p.parties.map(x => `<tr><td>${escapeHtml(x.name)}</td><td>${x.joinedOn}</td><td>${escapeHtml(x.text)}</td><td class="num">${yuan(x.value)}</td><td class="num">${escapeHtml(x.shares)}</td></tr>`).join('')}</tbody></table>
    <h2>年度结算 <small>Settlements</small></h2>
    <div id="settlements">${standing.map(s => `<section class="card settlement" data-year="${s.year}">
      <h3>${s.year} 年 <small>营业收入 ${yuan(s.revenue)} 元，净利润 ${yuan(s.netProfit)} 元，应付各村 ${yuan(s.totalOwed)} 元</small>
        <a class="button no-print" href="#/partnerships/${p.id}/statement/${s.id}">打印结算单</a></h3>
      ${settlementTable(s)}</section>`).join('') || '<p class="muted">尚未结算。</p>'}</div>
    ${p.settlements.some(s => s.supersededBy) ? `<p class="muted">已更正的结算：${p.settlements.filter(s => s.supersededBy).map(s => `${s.year} 年第 ${s.id} 号（已被第 ${s.supersededBy} 号更正）`).join('；')}</p>` : ''}
    <h2>收款记录 <small>Payments received</small></h2>
    <table class="grid" id="payments-table"><thead><tr><th>日期</th><th>村</th><th>年度</th><th class="num">金额（元）</th><th>备注</th></tr></thead>
      <tbody>${p.payments.map(x => `<tr><td>${x.paidOn}</td><td>${escapeHtml(x.villageName)}</td><td>${x.year}</td><td class="num">${yuan(x.amount)}</td><td>${escapeHtml(x.note)}</td></tr>`).join('')}</tbody></table>
    ${admin ? `<div class="two-columns no-print">
      <form id="settle-form" class="card"><h2>结算一年</h2>
        <label>年度<input name="year" inputmode="numeric" required value="${new Date().getFullYear() - 1}"></label>
        <label>企业报告的营业收入（元）<input name="revenue" inputmode="decimal" required></label>
        <label>企业报告的净利润（元）<input name="netProfit" inputmode="decimal" required></label>
        <label>更正原因（重新结算时必填）<input name="reason"></label>
        <p id="settle-error" class="error" role="alert"></p>
        <button class="primary" type="submit">结算并记入各村投资收益</button></form>
      <form id="payment-form" class="card"><h2>登记收款</h2>
        <label>村<select name="villageId">${p.parties.filter(x => x.villageId).map(x => `<option value="${x.villageId}">${escapeHtml(x.name)}</option>`).join('')}</select></label>
        <label>结算年度<input name="year" inputmode="numeric" required value="${standing[0]?.year ?? ''}"></label>
        <label>收款日期<input name="paidOn" type="date" required></label>
        <label>金额（元）<input name="amount" inputmode="decimal" required></label>
        <label>备注<input name="note"></label>
        <p id="payment-error" class="error" role="alert"></p>
        <button type="submit">登记收款</button></form></div>` : ''}`;
  if (!admin) return;
  const bind = (formId, path, errorId, toBody) => {
    const form = root.querySelector(formId);
    form.addEventListener('submit', async event => {
      event.preventDefault();
      try {
        await api(`${base(id)}/${path}`, { method: 'POST', body: toBody(Object.fromEntries(new FormData(form))) });
        await partnershipPage(root, id);
      } catch (e) {
        root.querySelector(errorId).textContent = `${e.message}${e.field ? `（${e.field}）` : ''}`;
      }
    });
  };
  bind('#settle-form', 'settlements', '#settle-error', d => ({ year: Number(d.year), revenue: Number(d.revenue), netProfit: Number(d.netProfit), reason: d.reason || null }));
  bind('#payment-form', 'payments', '#payment-error', d => ({ villageId: Number(d.villageId), year: Number(d.year), paidOn: d.paidOn, amount: Number(d.amount), note: d.note }));
}

/** The printable A4 settlement statement (结算单): formula, figures, and each village's amount in capital numerals. */
export async function settlementStatementPage(root, id, settlementId) {
  const p = await api(base(id));
  const s = p.settlements.find(x => x.id === settlementId);
  if (!s) throw new Error('结算不存在 (settlement not found)');
  root.innerHTML = `
    <p class="no-print"><a href="#/partnerships/${id}">← ${escapeHtml(p.project)}</a> <button id="statement-print">打印</button></p>
    <article class="settlement-statement">
      <h1>${escapeHtml(p.project)} ${s.year} 年度收益结算单</h1>
      <p>企业：${escapeHtml(p.enterprise.name)}（统一社会信用代码 ${escapeHtml(p.enterprise.creditCode)}）　合同期：${p.termStart} 至 ${p.termEnd}</p>
      <p>企业报告：营业收入 ${yuan(s.revenue)} 元；净利润 ${yuan(s.netProfit)} 元。结算日期 ${s.settledOn}，经办 ${escapeHtml(s.settledBy)}${s.reason ? `；更正原因：${escapeHtml(s.reason)}` : ''}</p>
      <h2>计算公式与数据</h2>
      <ol id="statement-formula">${s.statement.map(line => `<li>${escapeHtml(line)}</li>`).join('')}</ol>
      <table class="grid" id="statement-lines"><thead><tr><th>村</th><th>计算</th><th class="num">应付金额（元）</th><th>大写金额</th></tr></thead>
        <tbody>${s.lines.filter(l => l.villageId).map(l => `<tr><td>${escapeHtml(l.name)}</td><td>${escapeHtml(l.formula)}</td><td class="num">${yuan(l.owed)}</td><td>${escapeHtml(l.owedInWords)}</td></tr>`).join('')}</tbody>
        <tfoot><tr><td colspan="2">合计</td><td class="num">${yuan(s.totalOwed)}</td><td>${escapeHtml(s.totalOwedInWords)}</td></tr></tfoot></table>
      <p>上述金额已记入各村 ${s.year} 年度“投资收益”（凭证号 联营结算-${s.id}）。</p>
      <p class="signatures">企业（盖章）：＿＿＿＿＿＿　　村集体经济组织（盖章）：＿＿＿＿＿＿　　县农经部门：＿＿＿＿＿＿</p>
    </article>`;
  root.querySelector('#statement-print').addEventListener('click', () => window.print());
}

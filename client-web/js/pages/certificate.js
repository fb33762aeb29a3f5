// The share certificate (股权证书) of a household, printable on A4 portrait.
import { api } from '../api.js';
import { escapeHtml, today } from '../format.js';
import { session } from '../session.js';

export async function certificatePage(root, number) {
  const base = `/api/villages/${session.villageId}`;
  const [village, h] = await Promise.all([api(base), api(`${base}/households/${number}`)]);
  const certificate = (h.certificates ?? []).find(c => !c.voidedOn);
  const voided = (h.certificates ?? []).filter(c => c.voidedOn);
  root.innerHTML = `
    <p class="no-print"><a href="#/household/${number}">← 第 ${number} 户</a> <button id="certificate-print">打印</button></p>
    ${certificate ? `
    <article class="certificate">
      <h1>${escapeHtml(village.name)}股份经济合作社<br>股权证书</h1>
      <p class="certificate-no">证书编号：<strong id="certificate-number">${escapeHtml(village.code)}-${String(certificate.number).padStart(5, '0')}</strong></p>
      <dl class="facts">
        <dt>户号</dt><dd>${h.household.number}</dd>
        <dt>户主</dt><dd>${escapeHtml(h.household.headName)}</dd>
        <dt>村民小组</dt><dd>${escapeHtml(h.villageGroup || '—')}</dd>
        <dt>所属</dt><dd>${escapeHtml(village.county)}${escapeHtml(village.township)}${escapeHtml(village.name)}</dd>
      </dl>
      <table class="grid"><thead><tr><th>股种</th><th class="num">股数</th></tr></thead>
        <tbody>${(h.holdings ?? []).map(x => `<tr><td>${escapeHtml(x.name)}</td><td class="num">${escapeHtml(x.shares)}</td></tr>`).join('')}</tbody>
        <tfoot><tr><td>合计</td><td class="num">${escapeHtml(h.household.shares)}</td></tr></tfoot></table>
      <h2>家庭成员（户内共享）</h2>
      <table class="grid"><thead><tr><th>姓名</th><th>与户主关系</th><th>身份证号</th></tr></thead>
        <tbody>${h.members.filter(m => !m.endedOn).map(m => `<tr><td>${escapeHtml(m.name)}</td><td>${escapeHtml(m.relation)}</td><td class="mono">${escapeHtml(m.residentIdMasked)}</td></tr>`).join('')}</tbody></table>
      <p>股份量化到人、确权到户、户内共享、社内流转。本证书是持股凭证，股权变动后换发新证，旧证作废。</p>
      <p class="certificate-sign">发证机构（盖章）：${escapeHtml(village.name)}股份经济合作社<br>发证日期：${escapeHtml(certificate.issuedOn)}</p>
    </article>` : `<p class="muted">本户尚未发证 (no certificate yet). 今天 ${today()}</p>`}
    ${voided.length ? `<p class="no-print muted">已作废：${voided.map(c => `第 ${c.number} 号（${escapeHtml(c.voidedOn)}，${escapeHtml(c.voidReason ?? '')}）`).join('；')}</p>` : ''}`;
  root.querySelector('#certificate-print').addEventListener('click', () => window.print());
}

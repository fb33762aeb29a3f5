import { api } from '../api.js';
import { escapeHtml } from '../format.js';
import { session } from '../session.js';
import { owed } from './runs.js';

export async function villagePage(root) {
  const [v, runs] = await Promise.all([api(`/api/villages/${session.villageId}`), api(`/api/villages/${session.villageId}/dividend-runs`)]);
  // Dividends not yet collected, year by year, so none is forgotten after the meeting.
  const unpaid = runs.filter(r => r.householdsOwed > 0);
  root.innerHTML = `
    <h1>${escapeHtml(v.name)} ${v.isDemo ? '<span class="badge">演示数据 Demo</span>' : ''}</h1>
    <p class="muted">${escapeHtml(v.county)} · ${escapeHtml(v.township)} · 截至 ${escapeHtml(v.asOf)}</p>
    <div class="stats">
      <div class="stat"><span>户数 Households</span><strong id="stat-households">${v.households}</strong></div>
      <div class="stat"><span>成员 Members</span><strong id="stat-members">${v.members}</strong></div>
      <div class="stat"><span>总股数 Shares</span><strong id="stat-shares">${escapeHtml(v.shares)}</strong></div>
    </div>
    ${unpaid.length ? `<section id="owed"><h2>未领分红 <small>Dividends not yet collected</small></h2>
      <ul>${unpaid.map(r => `<li>${r.year} 年度：${owed(r)}</li>`).join('')}</ul></section>` : ''}
    <p class="actions"><a class="button" href="#/register">股权台账</a> <a class="button" href="#/plans">分配方案</a> <a class="button" href="#/runs">分红发放</a></p>`;
}

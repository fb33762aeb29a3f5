import { api } from '../api.js';
import { escapeHtml } from '../format.js';
import { session } from '../session.js';

export async function villagePage(root) {
  const v = await api(`/api/villages/${session.villageId}`);
  root.innerHTML = `
    <h1>${escapeHtml(v.name)} ${v.isDemo ? '<span class="badge">演示数据 Demo</span>' : ''}</h1>
    <p class="muted">${escapeHtml(v.county)} · ${escapeHtml(v.township)} · 截至 ${escapeHtml(v.asOf)}</p>
    <div class="stats">
      <div class="stat"><span>户数 Households</span><strong id="stat-households">${v.households}</strong></div>
      <div class="stat"><span>成员 Members</span><strong id="stat-members">${v.members}</strong></div>
      <div class="stat"><span>总股数 Shares</span><strong id="stat-shares">${escapeHtml(v.shares)}</strong></div>
    </div>
    <p class="actions"><a class="button" href="#/register">股权台账</a> <a class="button" href="#/plans">分配方案</a> <a class="button" href="#/runs">分红发放</a></p>`;
}

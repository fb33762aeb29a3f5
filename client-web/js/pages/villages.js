import { api } from '../api.js';
import { escapeHtml } from '../format.js';
import { session } from '../session.js';

// The villages an overseer may read (its township's or county's); choosing one opens its pages, read-only.
export async function villagesPage(root) {
  const villages = await api('/api/villages');
  root.innerHTML = `
    <h1>村列表 <small>Villages in scope</small></h1>
    <table class="grid" id="villages-table">
      <thead><tr><th>村</th><th>乡镇</th><th>县</th><th class="num">户数</th><th class="num">成员</th><th class="num">总股数</th></tr></thead>
      <tbody>${villages.map(v => `
        <tr><td><a href="#/village" data-village="${v.id}">${escapeHtml(v.name)}</a> ${v.isDemo ? '<span class="badge">演示</span>' : ''}</td>
        <td>${escapeHtml(v.township)}</td><td>${escapeHtml(v.county)}</td><td class="num">${v.households}</td><td class="num">${v.members}</td>
        <td class="num">${escapeHtml(v.shares)}</td></tr>`).join('')}
      </tbody>
    </table>`;
  root.querySelectorAll('a[data-village]').forEach(a => a.addEventListener('click', () => session.chooseVillage(a.dataset.village)));
}

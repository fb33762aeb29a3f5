import { api } from '../api.js';
import { escapeHtml } from '../format.js';
import { session } from '../session.js';

export async function registerPage(root) {
  root.innerHTML = `
    <h1>股权台账 <small>Share register</small></h1>
    <div class="toolbar no-print">
      <input id="register-search" type="search" placeholder="户号或姓名 (household number or name)" aria-label="搜索">
      <span id="register-count" class="muted"></span>
      <button id="register-print">打印</button>
    </div>
    <table class="grid" id="register-table">
      <thead><tr><th>户号</th><th>户主</th><th class="num">人数</th><th class="num">股数</th></tr></thead>
      <tbody></tbody>
    </table>`;
  const search = root.querySelector('#register-search');
  const draw = async () => {
    const rows = await api(`/api/villages/${session.me.villageId}/households?search=${encodeURIComponent(search.value)}`);
    root.querySelector('#register-table tbody').innerHTML = rows.map(h => `
      <tr><td><a href="#/household/${h.number}">${h.number}</a></td><td>${escapeHtml(h.headName)}</td>
      <td class="num">${h.memberCount}</td><td class="num">${escapeHtml(h.shares)}</td></tr>`).join('');
    root.querySelector('#register-count').textContent = `${rows.length} 户`;
  };
  let timer;
  search.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(draw, 200); });
  root.querySelector('#register-print').addEventListener('click', () => window.print());
  await draw();
}

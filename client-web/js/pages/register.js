import { api } from '../api.js';
import { escapeHtml } from '../format.js';
import { session } from '../session.js';

export async function registerPage(root) {
  root.innerHTML = `
    <h1>股权台账 <small>Share register</small></h1>
    <div class="toolbar no-print">
      <input id="register-search" type="search" placeholder="户号或姓名 (household number or name)" aria-label="搜索">
      <span id="register-count" class="muted"></span>
      <label class="inline">截至 <input id="register-as-of" type="date" aria-label="截至日期"></label>
      <button id="register-print">打印</button>
      <button id="issue-certificates">为未发证户发放股权证书</button>
      <span id="issue-status" role="status"></span>
    </div>
    <table class="grid" id="register-table">
      <thead><tr><th>户号</th><th>户主</th><th class="num">人数</th><th class="num">股数</th></tr></thead>
      <tbody></tbody>
    </table>`;
  const search = root.querySelector('#register-search');
  const draw = async () => {
    const asOf = root.querySelector('#register-as-of').value;
    const rows = await api(`/api/villages/${session.villageId}/households?search=${encodeURIComponent(search.value)}${asOf ? `&asOf=${asOf}` : ''}`);
    root.querySelector('#register-table tbody').innerHTML = rows.map(h => `
      <tr><td><a href="#/household/${h.number}">${h.number}</a></td><td>${escapeHtml(h.headName)}</td>
      <td class="num">${h.memberCount}</td><td class="num">${escapeHtml(h.shares)}</td></tr>`).join('');
    root.querySelector('#register-count').textContent = `${rows.length} 户`;
  };
  let timer;
  search.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(draw, 200); });
  root.querySelector('#register-print').addEventListener('click', () => window.print());
  root.querySelector('#register-as-of').addEventListener('change', draw);
  root.querySelector('#issue-certificates').addEventListener('click', async () => {
    const issued = await api(`/api/villages/${session.villageId}/certificates`, { method: 'POST' });
    root.querySelector('#issue-status').textContent = `已发放 ${issued} 本`;
  });
  await draw();
}

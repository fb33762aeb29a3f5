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
    const rows = await api(`/api/villages/${session.villageId}/households?search=${encodeURIComponent(search.value)}`);
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

export async function householdPage(root, number) {
  const h = await api(`/api/villages/${session.villageId}/households/${number}`);
  // Only the village's accountant may see a full ID number, one at a time; each look is written to the audit trail.
  const canReveal = (session.me.grants ?? []).some(g => g.role === 'accountant' && g.villageId === session.villageId);
  root.innerHTML = `
    <p class="no-print"><a href="#/register">← 股权台账</a></p>
    <h1>第 ${h.household.number} 户 · ${escapeHtml(h.household.headName)}</h1>
    <p>股数 <strong>${escapeHtml(h.household.shares)}</strong> · 成员 ${h.household.memberCount} 人</p>
    <table class="grid">
      <thead><tr><th>姓名</th><th>与户主关系</th><th>性别</th><th>出生日期</th><th>身份证号</th></tr></thead>
      <tbody>${h.members.map(m => `
        <tr><td>${escapeHtml(m.name)}</td><td>${escapeHtml(m.relation)}</td><td>${m.sex === 'male' ? '男' : '女'}</td>
        <td>${escapeHtml(m.birthDate)}</td><td class="mono"><span data-member="${m.id}">${escapeHtml(m.residentIdMasked)}</span>
          ${canReveal ? `<button class="link reveal no-print" data-member="${m.id}" title="查看完整号码（留痕）">显示</button>` : ''}</td></tr>`).join('')}
      </tbody>
    </table>`;
  root.querySelectorAll('button.reveal').forEach(button => button.addEventListener('click', async () => {
    const shown = await api(`/api/villages/${session.villageId}/members/${button.dataset.member}/reveal-resident-id`, { method: 'POST' });
    root.querySelector(`span[data-member="${button.dataset.member}"]`).textContent = shown.residentId;
    button.remove();
  }));
}

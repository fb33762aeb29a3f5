import { api } from '../api.js';
import { escapeHtml } from '../format.js';
import { roleNames, session } from '../session.js';

// The county administrator's page: townships with their villages, the accounts working in the county, a new account.
export async function countyPage(root) {
  const countyId = (session.me.grants ?? []).find(g => g.role === 'county_admin')?.countyId;
  const base = `/api/counties/${countyId}`;
  const [townships, accounts] = await Promise.all([api(`${base}/townships`), api(`${base}/accounts`)]);
  const villages = townships.flatMap(t => t.villages.map(v => ({ ...v, township: t.name })));
  const scopeName = g => g.villageId ? villages.find(v => v.id === g.villageId)?.name ?? `村 ${g.villageId}`
    : g.townshipId ? townships.find(t => t.id === g.townshipId)?.name ?? `乡镇 ${g.townshipId}` : '全县';
  root.innerHTML = `
    <h1>县管理 <small>County administration</small></h1>
    <div class="two-columns">
      <section>
        <h2>乡镇与村</h2>
        <table class="grid" id="townships-table"><thead><tr><th>乡镇</th><th>村</th></tr></thead>
          <tbody>${townships.map(t => `<tr><td>${escapeHtml(t.name)}</td><td>${t.villages.map(v => escapeHtml(v.name)).join('、') || '—'}</td></tr>`).join('')}</tbody></table>
        <form id="township-form" class="toolbar"><input name="name" placeholder="新乡镇名称" aria-label="新乡镇名称" required><button type="submit">添加乡镇</button></form>
        <p id="township-error" class="error" role="alert"></p>
      </section>
      <section>
        <h2>新建账号 <small>首次登录须改密码</small></h2>
        <form id="account-form" class="card">
          <label>用户名<input name="login" required></label>
          <label>姓名<input name="displayName" required></label>
          <label>初始密码（至少 8 位）<input name="initialPassword" type="password" minlength="8" required></label>
          <label>角色<select name="role">${['accountant', 'cashier', 'township_overseer'].map(r => `<option value="${r}">${roleNames[r]}</option>`).join('')}</select></label>
          <label>村（村会计、出纳）<select name="villageId">${villages.map(v => `<option value="${v.id}">${escapeHtml(v.township)} · ${escapeHtml(v.name)}</option>`).join('')}</select></label>
          <label>乡镇（农经站）<select name="townshipId">${townships.map(t => `<option value="${t.id}">${escapeHtml(t.name)}</option>`).join('')}</select></label>
          <p id="account-error" class="error" role="alert"></p>
          <button class="primary" type="submit">创建账号</button>
        </form>
      </section>
    </div>
    <h2>账号 <small>Accounts</small></h2>
    <table class="grid" id="accounts-table"><thead><tr><th>用户名</th><th>姓名</th><th>角色与范围</th><th>状态</th></tr></thead>
      <tbody>${accounts.map(a => `<tr><td>${escapeHtml(a.login)}</td><td>${escapeHtml(a.displayName)}</td>
        <td>${a.grants.map(g => `${roleNames[g.role] ?? g.role}（${escapeHtml(scopeName(g))}）`).join('；')}</td>
        <td>${a.mustChangePassword ? '待修改初始密码' : '正常'}</td></tr>`).join('')}</tbody></table>`;
  const townshipForm = root.querySelector('#township-form');
  townshipForm.addEventListener('submit', async event => {
    event.preventDefault();
    try {
      await api(`${base}/townships`, { method: 'POST', body: Object.fromEntries(new FormData(townshipForm)) });
      await countyPage(root);
    } catch (e) {
      root.querySelector('#township-error').textContent = e.message;
    }
  });
  const accountForm = root.querySelector('#account-form');
  accountForm.addEventListener('submit', async event => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(accountForm));
    const grant = data.role === 'township_overseer' ? { role: data.role, townshipId: Number(data.townshipId) } : { role: data.role, villageId: Number(data.villageId) };
    try {
      await api(`${base}/accounts`, { method: 'POST', body: { login: data.login, displayName: data.displayName, initialPassword: data.initialPassword, grants: [grant] } });
      await countyPage(root);
    } catch (e) {
      root.querySelector('#account-error').textContent = e.message;
    }
  });
}

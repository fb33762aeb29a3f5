// The charter's share rules (章程): classes, management, precision, record-date rule, cancellation on exit.
import { api } from '../api.js';
import { escapeHtml, managementLabels, recordDateRules } from '../format.js';
import { session } from '../session.js';

export async function charterPage(root) {
  const url = `/api/villages/${session.villageId}/charter`;
  const [charter, rules] = await Promise.all([api(url), api(`${url}/distribution`)]);
  const classRow = (c = { code: '', name: '' }) => `
    <tr><td><input name="code" value="${escapeHtml(c.code)}" aria-label="股种代码"></td><td><input name="name" value="${escapeHtml(c.name)}" aria-label="股种名称"></td>
    <td><button type="button" class="remove">删除</button></td></tr>`;
  root.innerHTML = `
    <h1>章程股权设置 <small>Charter share rules</small></h1>
    <form id="charter-form" class="card">
      <h2>股种 <small>Share classes</small></h2>
      <table class="grid" id="classes-table"><thead><tr><th>代码</th><th>名称</th><th></th></tr></thead>
        <tbody>${charter.classes.map(classRow).join('')}</tbody></table>
      <p><button type="button" id="add-class">增加股种</button> <span class="muted">如：人口股/基本股、农龄股、贡献股、资金股、集体股</span></p>
      <label>股权管理方式 <select name="management">${Object.entries(managementLabels).map(([k, v]) => `<option value="${k}" ${k === charter.management ? 'selected' : ''}>${v}</option>`).join('')}</select></label>
      <label>股数精度 <select name="precision">${['0.1', '0.01', '0.001', '0.0001'].map(p => `<option ${Number(p) === Number(charter.precision) ? 'selected' : ''}>${p}</option>`).join('')}</select></label>
      <label>股权登记日 <select name="recordDateRule">${Object.entries(recordDateRules).map(([k, v]) => `<option value="${k}" ${k === charter.recordDateRule ? 'selected' : ''}>${v}</option>`).join('')}</select></label>
      <label class="check"><input type="checkbox" name="cancellationOnExit" ${charter.cancellationOnExit ? 'checked' : ''}> 成员户退出时注销股份</label>
      <button class="primary" type="submit">保存</button>
      <p class="error" role="alert"></p><p class="ok" role="status"></p>
    </form>
    <form id="reserve-form" class="card">
      <h2>收益分配 <small>Distribution rules</small></h2>
      <label>公积公益金最低提取比例（%，占可分配收益） <input name="minReservePercent" inputmode="decimal" value="${rules.minReservePercent}" required></label>
      <label>分红大会结束时仍未领取的分红 <select name="unclaimedPayouts">
        <option value="stay_payable" ${rules.unclaimedPayouts === 'stay_payable' ? 'selected' : ''}>继续作为应付款，待成员领取</option>
        <option value="return_to_undistributed" ${rules.unclaimedPayouts === 'return_to_undistributed' ? 'selected' : ''}>年末转回未分配收益</option>
      </select></label>
      <button class="primary" type="submit">保存分配规则</button>
      <p class="error" role="alert"></p><p class="ok" role="status"></p>
    </form>`;
  const reserveForm = root.querySelector('#reserve-form');
  reserveForm.addEventListener('submit', async event => {
    event.preventDefault();
    reserveForm.querySelector('.error').textContent = reserveForm.querySelector('.ok').textContent = '';
    try {
      const d = new FormData(reserveForm);
      await api(`${url}/distribution`, { method: 'PUT', body: { minReservePercent: d.get('minReservePercent'), unclaimedPayouts: d.get('unclaimedPayouts') } });
      reserveForm.querySelector('.ok').textContent = '已保存';
    } catch (e) {
      reserveForm.querySelector('.error').textContent = e.message;
    }
  });
  const form = root.querySelector('#charter-form');
  const body = form.querySelector('#classes-table tbody');
  root.querySelector('#add-class').addEventListener('click', () => body.insertAdjacentHTML('beforeend', classRow()));
  body.addEventListener('click', e => { if (e.target.classList.contains('remove')) e.target.closest('tr').remove(); });
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const d = new FormData(form);
    form.querySelector('.error').textContent = form.querySelector('.ok').textContent = '';
    try {
      await api(url, { method: 'PUT', body: {
        classes: [...body.querySelectorAll('tr')].map(tr => ({ code: tr.querySelector('[name=code]').value, name: tr.querySelector('[name=name]').value })),
        management: d.get('management'), precision: d.get('precision'), recordDateRule: d.get('recordDateRule'), cancellationOnExit: d.get('cancellationOnExit') === 'on',
      } });
      form.querySelector('.ok').textContent = '已保存';
    } catch (e) {
      form.querySelector('.error').textContent = e.message;
    }
  });
}

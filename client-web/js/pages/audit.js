// The village's audit trail (操作日志): who changed what, when, from where, newest first, 100 at a time; filter by
// what was changed; check that no record was edited or removed (the hash chain, GET …/audit/verify). Read-only.
import { api } from '../api.js';
import { escapeHtml } from '../format.js';
import { session } from '../session.js';

const base = () => `/api/villages/${session.villageId}/audit`;

// The tables a village's changes are written from (silo/Storage/Migrations), by the names the accountant knows.
const tableLabels = {
  villages: '村', village_charters: '章程', share_classes: '股种', households: '户', members: '成员',
  share_movements: '股权变动', share_certificates: '股权证书', fiscal_years: '会计年度', book_entries: '账目',
  distribution_plans: '分配方案', dividend_runs: '分红计算', payout_lines: '发放清单', dividend_meetings: '分红大会',
  meeting_events: '大会开闭', payout_line_status: '发放状态', payout_events: '发放记录', meeting_cash_counts: '现金核对',
  accounts: '账号', account_roles: '账号角色',
};
const operationLabels = { INSERT: '新增', UPDATE: '修改', DELETE: '删除', REVEAL: '查看完整号码' };
// The fields most changes are about; others keep their column name.
const fieldLabels = {
  status: '状态', amount: '金额', shares: '股数', delta: '变动股数', name: '姓名', head_name: '户主', number: '户号',
  household_number: '户号', line_no: '序号', reason: '原因', table_no: '桌号', cashier: '经办人', recipient_name: '领款人',
  recipient_id: '领款人身份证号', resident_id: '身份证号', relation: '关系', effective_on: '生效日期', category: '科目',
  document_no: '凭证号', counterparty: '对方', year: '年度', version: '版本', per_share_rate: '每股', total_paid: '发放合计',
  kind: '类型', ended_on: '终止日期', phone: '电话', payout_account: '发放账户', field: '查看项目',
};
const problems = { content: '记录内容被改动', link: '此前有记录被删除', head: '最新的记录被删除' };
const hidden = new Set(['id', 'village_id', 'run_id', 'household_id', 'plan_id', 'last_event_id']);

const value = v => (v === null || v === undefined ? '空' : typeof v === 'object' ? JSON.stringify(v) : String(v));
const label = key => fieldLabels[key] ?? key;

// What a change did, in one line: an update's changed fields (旧 → 新); the fields of one inserted or deleted row;
// the number of rows of a statement that wrote many (a register import, a run's 294 lines).
function summary(row) {
  if (row.operation === 'UPDATE' && row.before && row.after) {
    return Object.keys(row.after).filter(k => JSON.stringify(row.before[k]) !== JSON.stringify(row.after[k]))
      .map(k => `${label(k)}：${value(row.before[k])} → ${value(row.after[k])}`).join('；');
  }
  const data = row.operation === 'DELETE' ? row.before : row.after;
  const rows = Array.isArray(data) ? data : data ? [data] : [];
  if (rows.length !== 1) return `${rows.length} 行`;
  return Object.entries(rows[0]).filter(([k, v]) => !hidden.has(k) && v !== null && v !== '')
    .slice(0, 8).map(([k, v]) => `${label(k)}：${value(v)}`).join('；');
}

const when = at => new Date(at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' });

function rowHtml(row) {
  return `<tr data-id="${row.id}" data-table="${escapeHtml(row.table)}">
    <td>${row.id}</td><td>${escapeHtml(when(row.at))}</td><td>${escapeHtml(row.actor)}</td><td class="mono">${escapeHtml(row.address || '—')}</td>
    <td>${escapeHtml(tableLabels[row.table] ?? row.table)}</td><td>${escapeHtml(operationLabels[row.operation] ?? row.operation)}</td>
    <td class="audit-summary">${escapeHtml(summary(row))}
      <details><summary>明细</summary><pre class="audit-json"></pre></details></td></tr>`;
}

export async function auditPage(root) {
  root.innerHTML = `
    <h1>操作日志 <small>Audit trail</small></h1>
    <p class="muted">本村数据的每一次改动（谁、何时、从哪里、改动前后），按时间倒序；记录逐条链式校验，不能改动或删除。身份证号、账户已隐去中间位。</p>
    <div class="toolbar no-print">
      <label>对象 <select id="audit-filter"><option value="">全部</option>
        ${Object.entries(tableLabels).map(([t, l]) => `<option value="${t}">${l}</option>`).join('')}</select></label>
      <button id="audit-verify" type="button">校验完整性</button>
      <span id="audit-verification" role="status"></span>
    </div>
    <table class="grid" id="audit-table">
      <thead><tr><th>编号</th><th>时间</th><th>操作人</th><th>地址</th><th>对象</th><th>操作</th><th>内容</th></tr></thead>
      <tbody></tbody>
    </table>
    <p class="muted" id="audit-empty" hidden>没有记录</p>
    <button id="audit-more" type="button" class="no-print" hidden>加载更早的记录</button>`;
  const body = root.querySelector('#audit-table tbody');
  const more = root.querySelector('#audit-more');
  const filter = root.querySelector('#audit-filter');
  const pageSize = 100;
  let rows = [];

  async function load(reset) {
    if (reset) rows = [];
    const query = new URLSearchParams({ limit: String(pageSize) });
    if (rows.length) query.set('beforeId', String(rows[rows.length - 1].id));
    if (filter.value) query.set('table', filter.value);
    const page = await api(`${base()}?${query}`);
    rows = rows.concat(page);
    body.innerHTML = rows.map(rowHtml).join('');
    root.querySelector('#audit-empty').hidden = rows.length > 0;
    more.hidden = page.length < pageSize;
  }

  // A statement's rows can be many (1,017 members): their JSON is drawn only when the details are opened.
  body.addEventListener('toggle', event => {
    const details = event.target;
    const row = rows.find(r => String(r.id) === details.closest('tr').dataset.id);
    const pre = details.querySelector('pre');
    if (details.open && row && !pre.textContent) pre.textContent = JSON.stringify({ before: row.before, after: row.after }, null, 2);
  }, true);
  filter.addEventListener('change', () => load(true));
  more.addEventListener('click', () => load(false));
  root.querySelector('#audit-verify').addEventListener('click', async () => {
    const status = root.querySelector('#audit-verification');
    status.textContent = '校验中…';
    const v = await api(`${base()}/verify`);
    status.textContent = v.firstBrokenId == null
      ? `完整：已校验 ${v.checked} 条记录，无改动、无删除`
      : `第 ${v.firstBrokenId} 条记录异常：${problems[v.problem] ?? v.problem}`;
    status.className = v.firstBrokenId == null ? 'ok' : 'error';
  });
  await load(true);
}

import { api } from '../api.js';
import { escapeHtml, yuan } from '../format.js';
import { session } from '../session.js';
import { drawCharts } from './comparisonCharts.js';

// The township's or county's comparison of every village (乡镇农经站, 县): a row per village and year, sortable by any
// column, filtered by township, class and name, with the totals and medians of the scope; every figure links to the
// village's statement (#/books/{year}), plan (#/plans/{id}) or dividend run (#/runs/{id}). Read-only except the county
// administrator's class thresholds and demonstration villages. Export to .xlsx; charts below the table.

const classLabels = { weak: '薄弱村', ordinary: '一般村', million: '百万元村' };
// Where a figure drills down to: the statement of the year, the approved plan, or the run's checklist.
const planColumns = new Set(['reserve', 'membersPool', 'perShareDividend']);
const runColumns = new Set(['totalPaid', 'paidOnDividendDay', 'paidOnDividendDayPercent', 'perMemberDividend']);

function scopes() {
  const grants = session.me?.grants ?? [];
  return [
    ...grants.filter(g => g.role === 'county_admin').map(g => ({ kind: 'county', id: g.countyId, label: `${g.scopeName}（全县）` })),
    ...grants.filter(g => g.role === 'township_overseer').map(g => ({ kind: 'township', id: g.townshipId, label: `${g.scopeName}（本乡镇）` })),
  ];
}

function show(unit, value) {
  if (value == null) return '—';
  if (unit === 'yuan') return yuan(value);
  if (unit === 'percent') return `${value}%`;
  return escapeHtml(value);
}

const lastYear = () => new Date().getFullYear() - 1;

export async function comparisonPage(root) {
  const all = scopes();
  if (all.length === 0) {
    root.innerHTML = '<p class="error">本账号不负责乡镇或县 (this account oversees no township or county)</p>';
    return;
  }
  const saved = JSON.parse(sessionStorage.getItem('vc.comparison') ?? 'null');
  const state = {
    scope: all.find(s => saved && s.kind === saved.kind && s.id === saved.id) ?? all[0],
    from: saved?.from ?? lastYear(), to: saved?.to ?? lastYear(),
    sort: { key: 'operatingIncome', dir: -1 }, township: '', cls: '', name: '',
  };
  root.innerHTML = `
    <h1>村级对比 <small>Villages compared</small></h1>
    <form id="comparison-form" class="toolbar no-print">
      <label>范围 <select name="scope">${all.map((s, i) => `<option value="${i}">${escapeHtml(s.label)}</option>`).join('')}</select></label>
      <label>起始年度 <input name="from" type="number" min="2000" max="2100" required></label>
      <label>截止年度 <input name="to" type="number" min="2000" max="2100" required></label>
      <button type="submit">查看</button>
      <a id="export" class="button" download>导出 Excel</a>
    </form>
    <p id="comparison-error" class="error" role="alert"></p>
    <div id="comparison-body"></div>`;
  const form = root.querySelector('#comparison-form');
  form.scope.value = String(all.indexOf(state.scope));
  form.from.value = state.from;
  form.to.value = state.to;
  form.addEventListener('submit', async event => {
    event.preventDefault();
    state.scope = all[Number(form.scope.value)];
    state.from = Number(form.from.value);
    state.to = Number(form.to.value);
    await load();
  });

  async function load() {
    const base = `/api/${state.scope.kind === 'county' ? 'counties' : 'townships'}/${state.scope.id}`;
    const query = `from=${state.from}&to=${state.to}`;
    root.querySelector('#export').href = `${base}/comparison.xlsx?${query}`;
    sessionStorage.setItem('vc.comparison', JSON.stringify({ kind: state.scope.kind, id: state.scope.id, from: state.from, to: state.to }));
    root.querySelector('#comparison-error').textContent = '';
    try {
      const comparison = await api(`${base}/comparison?${query}`);
      drawBody(root.querySelector('#comparison-body'), comparison, state, load);
    } catch (e) {
      root.querySelector('#comparison-error').textContent = e.message;
    }
  }
  await load();
}

function drawBody(body, comparison, state, reload) {
  const admin = (session.me?.grants ?? []).some(g => g.role === 'county_admin' && g.countyId === comparison.countyId);
  const townships = [...new Set(comparison.rows.map(r => r.township))].sort();
  body.innerHTML = `
    <p class="muted">${escapeHtml(comparison.county)} › ${escapeHtml(comparison.scopeName)}，${comparison.from}–${comparison.to} 年度，
      ${new Set(comparison.rows.map(r => r.villageId)).size} 个村。${escapeHtml(comparison.operatingIncomeDefinition)}。
      分类：薄弱村 经营性收入低于 ${yuan(comparison.thresholds.weakBelow)} 元；百万元村 不低于 ${yuan(comparison.thresholds.millionFrom)} 元。
      ${comparison.rows.some(r => r.isDemo) ? '<span class="badge">含演示数据</span>' : ''}</p>
    <div class="toolbar no-print" id="filters">
      <label>乡镇 <select name="township"><option value="">全部</option>${townships.map(t => `<option>${escapeHtml(t)}</option>`).join('')}</select></label>
      <label>分类 <select name="cls"><option value="">全部</option>${Object.entries(classLabels).map(([k, v]) => `<option value="${k}">${v}</option>`).join('')}
        <option value="demonstration">示范村</option></select></label>
      <label>村名 <input name="name" type="search" placeholder="村名"></label>
      <span id="row-count" class="muted"></span>
    </div>
    <div class="wide-table"><table class="grid comparison" id="comparison-table">
      <thead><tr><th data-sort="year">年度</th><th data-sort="township">乡镇</th><th data-sort="name">村</th><th data-sort="class">分类</th><th>示范</th>
        ${comparison.columns.map(c => `<th class="num" data-sort="${c.key}">${escapeHtml(c.label)}</th>`).join('')}</tr></thead>
      <tbody></tbody>
      <tfoot>${comparison.summaries.filter(s => s.level === 'all').map(s => summaryRows(comparison, s)).join('')}</tfoot>
    </table></div>
    ${comparison.scopeKind === 'county' ? `<h2>乡镇汇总 <small>Townships</small></h2>
      <div class="wide-table"><table class="grid comparison" id="township-table"><thead><tr><th>年度</th><th>乡镇</th><th>村数</th><th></th><th></th>
        ${comparison.columns.map(c => `<th class="num">${escapeHtml(c.label)}</th>`).join('')}</tr></thead>
        <tbody>${comparison.summaries.filter(s => s.level === 'township').map(s => summaryRows(comparison, s)).join('')}</tbody></table></div>` : ''}
    <h2>分类 <small>Classes by year</small></h2>
    <div class="two-columns">
      <table class="grid" id="classes-table"><thead><tr><th>年度</th><th class="num">薄弱村</th><th class="num">一般村</th><th class="num">百万元村</th><th class="num">无账</th><th class="num">示范村</th></tr></thead>
        <tbody>${comparison.classes.map(c => `<tr><td>${c.year}</td><td class="num">${c.weak}</td><td class="num">${c.ordinary}</td><td class="num">${c.million}</td>
          <td class="num">${c.withoutBooks}</td><td class="num">${c.demonstration}</td></tr>`).join('')}</tbody></table>
      <table class="grid" id="moves-table"><thead><tr><th>年度</th><th>乡镇</th><th>村</th><th>变化</th></tr></thead>
        <tbody>${comparison.moves.map(m => `<tr><td>${m.year}</td><td>${escapeHtml(m.township)}</td><td>${escapeHtml(m.name)}</td>
          <td>${m.fromLabel} → ${m.toLabel}</td></tr>`).join('') || '<tr><td colspan="4" class="muted">无村变更分类</td></tr>'}</tbody></table>
    </div>
    ${admin ? `<form id="thresholds-form" class="toolbar no-print">
      <strong>分类标准（县设定）</strong>
      <label>薄弱村：经营性收入低于 <input name="weakBelow" inputmode="decimal" value="${comparison.thresholds.weakBelow}"> 元</label>
      <label>百万元村：不低于 <input name="millionFrom" inputmode="decimal" value="${comparison.thresholds.millionFrom}"> 元</label>
      <button type="submit">保存分类标准</button><span id="thresholds-error" class="error" role="alert"></span></form>` : ''}
    <h2>图表 <small>Charts</small></h2>
    <div class="charts">
      <div class="chart" id="chart-dividend" role="img" aria-label="各村每股分红"></div>
      <div class="chart" id="chart-income" role="img" aria-label="各村历年经营性收入"></div>
      <div class="chart" id="chart-classes" role="img" aria-label="历年各类村数量"></div>
    </div>
    <p id="chart-error" class="error" role="alert"></p>`;

  const tbody = body.querySelector('#comparison-table tbody');
  const sortValue = (row, key) => {
    if (['year', 'township', 'name', 'class'].includes(key)) return row[key] ?? '';
    const v = row.figures[key];
    return v == null ? null : Number(v); // for ordering only: the shown figure is the silo's string
  };
  function drawRows() {
    const { key, dir } = state.sort;
    const rows = comparison.rows
      .filter(r => !state.township || r.township === state.township)
      .filter(r => !state.cls || (state.cls === 'demonstration' ? r.demonstration : r.class === state.cls))
      .filter(r => !state.name || r.name.includes(state.name))
      .sort((a, b) => {
        const x = sortValue(a, key), y = sortValue(b, key);
        if (x == null || y == null) return x == null ? (y == null ? 0 : 1) : -1; // figures that do not apply go last
        return (typeof x === 'string' ? x.localeCompare(y, 'zh-CN') : x - y) * dir;
      });
    tbody.innerHTML = rows.map(r => `<tr data-village="${r.villageId}" data-year="${r.year}">
      <td>${r.year}</td><td>${escapeHtml(r.township)}</td>
      <td><a href="#/village" data-village="${r.villageId}">${escapeHtml(r.name)}</a>${r.isDemo ? ' <span class="badge">演示</span>' : ''}</td>
      <td>${r.class ? `<span class="class-${r.class}">${classLabels[r.class]}</span>` : '<span class="muted">无账</span>'}</td>
      <td>${admin ? `<input type="checkbox" class="demonstration" aria-label="示范村 ${escapeHtml(r.name)} ${r.year}" ${r.demonstration ? 'checked' : ''}>` : r.demonstration ? '示范' : ''}</td>
      ${comparison.columns.map(c => `<td class="num">${figureLink(r, c)}</td>`).join('')}</tr>`).join('');
    body.querySelector('#row-count').textContent = `${rows.length} 行`;
    body.querySelectorAll('#comparison-table th[data-sort]').forEach(th => {
      th.setAttribute('aria-sort', th.dataset.sort === key ? (dir > 0 ? 'ascending' : 'descending') : 'none');
    });
  }
  body.querySelectorAll('#comparison-table th[data-sort]').forEach(th => th.addEventListener('click', () => {
    state.sort = { key: th.dataset.sort, dir: state.sort.key === th.dataset.sort ? -state.sort.dir : (['township', 'name', 'year'].includes(th.dataset.sort) ? 1 : -1) };
    drawRows();
  }));
  const filters = body.querySelector('#filters');
  filters.addEventListener('input', () => {
    state.township = filters.querySelector('[name=township]').value;
    state.cls = filters.querySelector('[name=cls]').value;
    state.name = filters.querySelector('[name=name]').value.trim();
    drawRows();
  });
  // A figure opens the village's page it comes from, read-only: the village is chosen first.
  tbody.addEventListener('click', event => {
    const link = event.target.closest('a[data-village]');
    if (link) session.chooseVillage(link.dataset.village);
  });
  tbody.addEventListener('change', async event => {
    if (!event.target.classList.contains('demonstration')) return;
    const tr = event.target.closest('tr');
    try {
      await api(`/api/counties/${comparison.countyId}/demonstration-villages`, {
        method: 'PUT', body: { villageId: Number(tr.dataset.village), year: Number(tr.dataset.year), demonstration: event.target.checked },
      });
      await reload();
    } catch (e) {
      body.querySelector('#row-count').textContent = e.message;
    }
  });
  body.querySelector('#thresholds-form')?.addEventListener('submit', async event => {
    event.preventDefault();
    const f = event.target;
    try {
      await api(`/api/counties/${comparison.countyId}/village-classes`, { method: 'PUT', body: { weakBelow: f.weakBelow.value, millionFrom: f.millionFrom.value } });
      await reload();
    } catch (e) {
      body.querySelector('#thresholds-error').textContent = e.message;
    }
  });
  drawRows();
  drawCharts(body, comparison).catch(e => { body.querySelector('#chart-error').textContent = `图表未能显示：${e.message}`; });
}

function figureLink(row, column) {
  const text = show(column.unit, row.figures[column.key]);
  if (row.figures[column.key] == null) return text;
  const href = planColumns.has(column.key) && row.planId ? `#/plans/${row.planId}`
    : runColumns.has(column.key) && row.runId ? `#/runs/${row.runId}`
      : ['members', 'households', 'shares'].includes(column.key) ? '#/register' : `#/books/${row.year}`;
  return `<a href="${href}" data-village="${row.villageId}">${text}</a>`;
}

function summaryRows(comparison, s) {
  const cells = values => comparison.columns.map(c => `<td class="num">${values[c.key] == null ? '' : show(c.unit, values[c.key])}</td>`).join('');
  return `<tr class="total-row"><td>${s.year}</td><td colspan="2">${escapeHtml(s.name)} 合计（${s.villages} 个村）</td><td></td><td></td>${cells(s.totals)}</tr>
    <tr class="median-row"><td>${s.year}</td><td colspan="2">${escapeHtml(s.name)} 中位数</td><td></td><td></td>${cells(s.medians)}</tr>`;
}

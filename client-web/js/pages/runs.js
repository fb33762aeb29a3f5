import { api } from '../api.js';
import { escapeHtml, yuan } from '../format.js';
import { session } from '../session.js';

const base = () => `/api/villages/${session.villageId}`;

// Still owed (pending or deferred), linked to the meeting's checklist where it is paid; nothing owed says so.
export const owed = r => r.householdsOwed
  ? `<a href="#/runs/${r.id}/meeting">${r.householdsOwed} 户 · ${yuan(r.amountOwed)} 元</a>` : '<span class="muted">已全部发放</span>';

export async function runsPage(root) {
  const runs = await api(`${base()}/dividend-runs`);
  root.innerHTML = `
    <h1>分红发放 <small>Dividend runs</small></h1>
    <table class="grid">
      <thead><tr><th>年度</th><th>方案版本</th><th class="num">每股（元）</th><th class="num">户数</th><th class="num">应发合计（元）</th>
        <th class="num">已发放（元）</th><th>未领取</th><th>计算时间</th></tr></thead>
      <tbody>${runs.map(r => `
        <tr><td><a href="#/runs/${r.id}">${r.year} 年度</a> · <a href="#/runs/${r.id}/meeting">发放现场</a> · <a href="#/runs/${r.id}/board">大屏</a></td><td>第 ${r.planVersion} 版</td><td class="num">${yuan(r.perShareRate)}</td>
        <td class="num">${r.householdCount}</td><td class="num">${yuan(r.totalPaid)}</td>
        <td class="num">${yuan(r.amountPaid)}</td><td class="owed">${owed(r)}</td><td>${escapeHtml(new Date(r.startedAt).toLocaleString('zh-CN'))}</td></tr>`).join('')}
      </tbody>
    </table>
    ${runs.length ? '' : '<p class="muted">还没有分红计算。请在<a href="#/plans">分配方案</a>中运行。</p>'}`;
}

export async function checklistPage(root, runId) {
  const [village, run, paged] = await Promise.all([
    api(`${base()}`), api(`${base()}/dividend-runs/${runId}`), api(`${base()}/dividend-runs/${runId}/checklist-pages`),
  ]);
  const title = `${escapeHtml(village.name)} ${run.year} 年度股份分红发放清单 ${village.isDemo ? '<span class="badge">演示数据</span>' : ''}`;
  const last = paged.pages.length;
  root.innerHTML = `
    <div class="toolbar no-print">
      <input id="checklist-search" type="search" placeholder="户号或户主姓名" aria-label="搜索">
      <button id="checklist-print" class="primary">打印发放清单（A4 横向）</button>
      <a id="checklist-export" class="button" href="${base()}/dividend-runs/${runId}/checklist.xlsx" download>导出 Excel（含发放状态）</a>
      <a class="button" href="#/runs/${runId}/meeting">发放现场</a>
      <a class="button" href="#/runs/${runId}/board">大屏</a>
      <a class="button" href="#/runs/${runId}/closing">结账</a>
    </div>
    <div class="checklist">
    ${paged.pages.map(page => `
    <section class="checklist-page">
      <h1>${title}</h1>
      <p class="meta">每股分红 <strong>${yuan(run.perShareRate)}</strong> 元 · 总股数 ${escapeHtml(run.totalShares)} · ${run.householdCount} 户 ·
        方案第 ${run.planVersion} 版</p>
      <table class="grid checklist-table">
        <thead><tr><th>序号</th><th>户号</th><th>户主</th><th class="num">人数</th><th class="num">股数</th><th class="num">金额（元）</th><th>大写金额</th><th class="sign">签名</th><th class="thumb">手印</th></tr></thead>
        <tbody>${page.lines.map(l => `
          <tr class="line" data-household="${l.householdNumber}"><td>${l.lineNo}</td><td>${l.householdNumber}</td><td>${escapeHtml(l.headName)}</td><td class="num">${l.memberCount}</td>
          <td class="num">${escapeHtml(l.shares)}</td><td class="num">${yuan(l.amount)}</td><td class="words">${escapeHtml(l.amountInWords)}</td><td class="sign"></td><td class="thumb"></td></tr>`).join('')}
        </tbody>
        <tfoot>
          <tr class="page-total"><td colspan="5">本页小计 ${page.lines.length} 户</td><td class="num">${yuan(page.pageTotal)}</td><td class="words">${escapeHtml(page.pageTotalInWords)}</td><td colspan="2"></td></tr>
          ${page.pageNo === last ? `<tr class="grand-total"><td colspan="4">合计 ${paged.households} 户</td><td class="num">${escapeHtml(run.totalShares)}</td>
          <td class="num" id="checklist-total">${yuan(paged.grandTotal)}</td><td class="words" id="checklist-total-words">${escapeHtml(paged.grandTotalInWords)}</td><td colspan="2"></td></tr>` : ''}
        </tfoot>
      </table>
      ${page.pageNo === last ? `<p class="meta">成员分配额 ${yuan(run.pool)} 元 = 发放合计 ${yuan(run.totalPaid)} 元 + 尾差 ${yuan(run.residue)} 元（转入${escapeHtml(run.residueCarriedTo)}）</p>` : ''}
      <p class="signatures">会计：__________　　出纳：__________　　监事会：__________　　日期：__________</p>
      <p class="page-no">第 ${page.pageNo} 页 共 ${page.pageCount} 页</p>
    </section>`).join('')}
    </div>`;
  const search = root.querySelector('#checklist-search');
  search.addEventListener('input', () => {
    const term = search.value.trim();
    for (const row of root.querySelectorAll('.checklist-table tbody tr.line')) {
      row.hidden = term !== '' && !row.dataset.household.startsWith(term) && !row.children[2].textContent.includes(term);
    }
  });
  root.querySelector('#checklist-print').addEventListener('click', () => window.print());
}

// The public notice (公示) of a distribution plan, read without a login at /notice.html#<token>:
// the statement and the plan, nothing else of the village. Prints on A4.
import { api } from './api.js';
import { escapeHtml, yuan } from './format.js';
import { statementTable } from './statement.js';
import { distributionFacts, previewFacts } from './pages/plans.js';

const main = document.getElementById('main');
try {
  const token = location.hash.slice(1);
  const n = await api(`/api/public/notices/${encodeURIComponent(token)}`);
  const p = n.plan;
  const earliest = new Date(Date.parse(n.publishedOn) + 10 * 86400000).toISOString().slice(0, 10);
  main.innerHTML = `
    <article class="notice-page">
      <h1>${escapeHtml(n.village)} ${p.year} 年度收益分配方案公示 ${n.isDemo ? '<span class="badge">演示数据</span>' : ''}</h1>
      <p class="meta">${escapeHtml(n.county)} ${escapeHtml(n.township)} · 方案第 ${p.version} 版 · 公示日期 ${escapeHtml(n.publishedOn)} ·
        公示期满（${escapeHtml(earliest)}）后提交成员（代表）大会表决</p>
      <h2>一、收益及收益分配表</h2>
      ${statementTable(n.statement)}
      <h2>二、分配方案</h2>
      ${distributionFacts(p)}
      <h2>三、按股权登记日测算</h2>
      ${previewFacts(p.preview)}
      <p>依据《中华人民共和国农村集体经济组织法》第四十二条、第四十六条，现予公示。成员如有异议，请在公示期内向村集体经济组织理事会或监事会反映。</p>
      <p class="signatures">${escapeHtml(n.village)}股份经济合作社　　${escapeHtml(n.publishedOn)}</p>
    </article>`;
  document.title = `${n.village} ${p.year} 年度收益分配方案公示`;
} catch (e) {
  main.innerHTML = `<p class="error" role="alert">公示不存在或已撤下 (${escapeHtml(e.message)})</p>`;
}

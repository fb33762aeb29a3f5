// The comparison's charts (ECharts, served by the silo at /vendor from client-web/node_modules): per-share dividend by
// village (bars), operating income by year per village (lines), villages per class by year (stacked bars). Labels in Chinese.
// The library is loaded only when a chart is drawn.

const classColours = { weak: '#c0392b', ordinary: '#8a8a8a', million: '#1f7a4d' };

export async function drawCharts(root, comparison) {
  const echarts = await import('/vendor/echarts.esm.min.js');
  const font = { fontFamily: '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif' };
  const chart = id => {
    const el = root.querySelector(id);
    echarts.getInstanceByDom(el)?.dispose();
    return echarts.init(el, null, { renderer: 'canvas' });
  };

  const last = comparison.rows.filter(r => r.year === comparison.to && r.figures.perShareDividend != null)
    .sort((a, b) => Number(b.figures.perShareDividend) - Number(a.figures.perShareDividend));
  chart('#chart-dividend').setOption({
    textStyle: font,
    title: { text: `${comparison.to}年 各村每股分红（元）`, left: 'center' },
    tooltip: { trigger: 'axis' },
    grid: { left: 60, right: 20, bottom: 90 },
    xAxis: { type: 'category', data: last.map(r => r.name), axisLabel: { rotate: 60, interval: 0 } },
    yAxis: { type: 'value', name: '元/股' },
    series: [{ name: '每股分红', type: 'bar', data: last.map(r => Number(r.figures.perShareDividend)), itemStyle: { color: '#b03a2e' } }],
  });

  const years = [];
  for (let y = comparison.from; y <= comparison.to; y++) years.push(y);
  const villages = [...new Map(comparison.rows.map(r => [r.villageId, r.name])).entries()];
  chart('#chart-income').setOption({
    textStyle: font,
    title: { text: '各村历年经营性收入（万元）', left: 'center' },
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', bottom: 0 },
    grid: { left: 60, right: 20, bottom: 60 },
    xAxis: { type: 'category', data: years.map(String) },
    yAxis: { type: 'value', name: '万元' },
    series: villages.map(([id, name]) => ({
      name, type: 'line', showSymbol: false,
      data: years.map(y => {
        const value = comparison.rows.find(r => r.villageId === id && r.year === y)?.figures.operatingIncome;
        return value == null ? null : Number(value) / 10000; // display only
      }),
    })),
  });

  chart('#chart-classes').setOption({
    textStyle: font,
    title: { text: '历年各类村数量', left: 'center' },
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    xAxis: { type: 'category', data: comparison.classes.map(c => String(c.year)) },
    yAxis: { type: 'value', name: '村数', minInterval: 1 },
    series: [['weak', '薄弱村'], ['ordinary', '一般村'], ['million', '百万元村']].map(([key, name]) => ({
      name, type: 'bar', stack: 'classes', itemStyle: { color: classColours[key] }, data: comparison.classes.map(c => c[key]),
    })),
  });
}

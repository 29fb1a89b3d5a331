#include "explanation_view.h"

#include <QFile>
#include <QLocale>
#include <QRegularExpression>
#include <QScrollBar>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

namespace atlas::widgets {

ExplanationView::ExplanationView(QWidget* parent) : ResultView(parent) {
  m_browser = new QTextBrowser(this);
  m_browser->setOpenExternalLinks(false);
  // Pages link to each other as "ID.html"; the window decides what opening one means.
  m_browser->setOpenLinks(false);
  connect(m_browser, &QTextBrowser::anchorClicked, this, [this](const QUrl& url) {
    if (const QString id = pageId(url); !id.isEmpty()) Q_EMIT pageRequested(id);
  });
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_browser);
  retranslate();
}

QString ExplanationView::uiLanguage() {
  return QLocale().language() == QLocale::Chinese ? QStringLiteral("zh_CN") : QStringLiteral("en");
}

QString ExplanationView::pagePath(const QString& language, const QString& id) {
  return QStringLiteral(":/pages/%1/%2.html").arg(language, id);
}

QString ExplanationView::pageId(const QUrl& url) {
  static const QRegularExpression page(QStringLiteral("^(\\w+)\\.html$"));
  if (!url.isRelative() || !url.host().isEmpty()) return {};
  return page.match(url.path()).captured(1);
}

void ExplanationView::setVariant(const QString& id) {
  m_id = id;
  m_page.clear();
  m_costHtml.clear();
  retranslate();
}

void ExplanationView::setResult(const ViewData& data) {
  if (!data.result) return;
  // The measured numbers of this computation, under the page's formulas.
  const auto& r = *data.result;
  const auto& c = r.cost;
  m_costHtml = QStringLiteral("<hr><h3>%1</h3><table cellpadding=3>").arg(tr("This computation"));
  auto count = [](double v) {
    return v < 1e15 ? QLocale().toString(static_cast<qlonglong>(v)) : QLocale().toString(v, 'g', 4);
  };
  auto row = [&](const QString& k, const QString& v) {
    m_costHtml += QStringLiteral("<tr><td>%1</td><td align=right>%2</td></tr>").arg(k, v);
  };
  row(tr("Sizes"), tr("N = %1, M = %2, dk = %3, dv = %4, heads = %5")
                       .arg(r.dims.n)
                       .arg(r.dims.m)
                       .arg(r.dims.dk)
                       .arg(r.dims.dv)
                       .arg(r.heads()));
  row(tr("Floating-point operations"), count(c.flops()));
  row(tr("Exponentials"), count(c.exps()));
  row(tr("Memory traffic (bytes)"), count(c.bytes()));
  row(tr("Peak extra memory (bytes)"), count(c.peak));
  row(tr("Measured time"), tr("%1 ms").arg(r.seconds * 1e3, 0, 'f', 2));
  m_costHtml += QStringLiteral("</table>");
  retranslate();
}

void ExplanationView::showPage(const QString& id) {
  if (id == m_page) return;
  m_page = id == m_id ? QString() : id;
  m_browser->verticalScrollBar()->setValue(0);
  retranslate();
}

QString ExplanationView::shownPage() const {
  if (!m_page.isEmpty()) return m_page;
  return m_id.isEmpty() ? QStringLiteral("index") : m_id;
}

void ExplanationView::retranslate() {
  const QString lang = uiLanguage();
  QFile f(pagePath(lang, shownPage()));
  QString html;
  if (f.open(QIODevice::ReadOnly))
    html = QString::fromUtf8(f.readAll());
  else
    html = QStringLiteral("<p>%1</p>").arg(tr("No explanation page for this variant yet."));
  if (shownPage() == m_id && !m_costHtml.isEmpty()) {
    const int end = html.lastIndexOf(QStringLiteral("</body>"), -1, Qt::CaseInsensitive);
    html.insert(end < 0 ? html.size() : end, m_costHtml);
  }
  const int scroll = m_browser->verticalScrollBar() ? m_browser->verticalScrollBar()->value() : 0;
  m_browser->setHtml(html);
  m_browser->verticalScrollBar()->setValue(scroll);
}

}  // namespace atlas::widgets

// The explanation page of the chosen variant, in the UI language (resources/pages/LANG/ID.html).
// A link to another page ("flash.html", "glossary.html") is not followed here: the view says
// which page was asked for, and the window opens it (chooses that variant, shows the glossary).
#pragma once

#include "result_view.h"

class QTextBrowser;
class QUrl;

namespace atlas::widgets {

class ExplanationView : public ResultView {
  Q_OBJECT
 public:
  explicit ExplanationView(QWidget* parent = nullptr);
  void setVariant(const QString& id) override;
  void setResult(const ViewData& data) override;
  void retranslate() override;
  /// Shows the page `id` ("index", "glossary", another variant's) instead of the variant's own,
  /// until the variant changes or showPage({}) goes back to it.
  void showPage(const QString& id);
  /// The page on screen: showPage's, else the variant's id, else "index".
  QString shownPage() const;
  QTextBrowser* browser() const { return m_browser; }

  /// The resource path of a page ("index" or a variant id) in a language ("en", "zh_CN").
  static QString pagePath(const QString& language, const QString& id);
  /// "zh_CN" when the UI is Chinese, else "en".
  static QString uiLanguage();
  /// "flash" for a link to "flash.html"; empty for any other link (another site, a file path).
  static QString pageId(const QUrl& url);

 Q_SIGNALS:
  /// A link to the page "ID.html" was clicked.
  void pageRequested(const QString& id);

 private:
  QTextBrowser* m_browser;
  QString m_id;
  QString m_page;  ///< showPage's, empty: the variant's own
  QString m_costHtml;
};

}  // namespace atlas::widgets

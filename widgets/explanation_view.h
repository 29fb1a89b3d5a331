// The explanation page of the chosen variant, in the UI language (resources/pages/LANG/ID.html).
#pragma once

#include "result_view.h"

class QTextBrowser;

namespace atlas::widgets {

class ExplanationView : public ResultView {
  Q_OBJECT
 public:
  explicit ExplanationView(QWidget* parent = nullptr);
  void setVariant(const QString& id) override;
  void setResult(const ViewData& data) override;
  void retranslate() override;
  QTextBrowser* browser() const { return m_browser; }

  /// The resource path of a page ("index" or a variant id) in a language ("en", "zh_CN").
  static QString pagePath(const QString& language, const QString& id);
  /// "zh_CN" when the UI is Chinese, else "en".
  static QString uiLanguage();

 private:
  QTextBrowser* m_browser;
  QString m_id;
  QString m_costHtml;
};

}  // namespace atlas::widgets

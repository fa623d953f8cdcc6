// Document type abbreviations of Nghị định 30/2020/NĐ-CP, Annex III, used in
// official symbols such as "2301/QĐ-UBND" and "20/KH-UBND".
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace planflow {

struct DocumentType {
  std::string_view abbreviation;  // "QĐ"
  std::string_view name_vi;       // "Quyết định"
  std::string_view name_en;       // "Decision"
};

const std::vector<DocumentType>& document_types();
const DocumentType* find_document_type(std::string_view abbreviation);
std::vector<std::string> document_type_abbreviations();

}  // namespace planflow

"""gazette: load, normalize, parse, index, search, export and validate Chinese government gazettes.

    >>> import gazette
    >>> issue = gazette.parse("samples/yanzhou-2021-03-04.txt")
    >>> issue.documents[0].doc_number
    '济兖政发〔2021〕5号'
"""
from .api import parse, parse_loaded, parse_text
from .errors import GazetteError, LoadError
from .model import Document, Issue

__version__ = "0.1.0"
__all__ = ["parse", "parse_text", "parse_loaded", "Issue", "Document", "GazetteError", "LoadError", "__version__"]

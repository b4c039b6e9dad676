"""Print a CloudFormation YAML template as one JSON document on stdout, short-form tags kept as their long form
(!Ref X -> {"Ref": "X"}, !GetAtt A.B -> {"Fn::GetAtt": ["A", "B"]}, !Sub s -> {"Fn::Sub": s}, ...), so the
gateway can read the distribution (behaviors, default root object, response headers policy) from the same file
CloudFormation deploys. Usage: python3 read-template.py TEMPLATE.yaml"""
import json
import sys

import yaml


class CfnLoader(yaml.SafeLoader):
    pass


def _long_form(loader, tag_suffix, node):
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    if tag_suffix == "Ref":
        return {"Ref": value}
    if tag_suffix == "GetAtt" and isinstance(value, str):
        value = value.split(".", 1)
    return {"Fn::" + tag_suffix: value}


CfnLoader.add_multi_constructor("!", _long_form)

if len(sys.argv) != 2:
    sys.exit("usage: read-template.py TEMPLATE.yaml")
with open(sys.argv[1], encoding="utf-8") as f:
    json.dump(yaml.load(f, Loader=CfnLoader), sys.stdout, default=str)
